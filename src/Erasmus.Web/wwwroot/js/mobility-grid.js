// The mobility grid: Ctrl+V of rows and columns copied from a spreadsheet (tab-separated text, as Excel and
// LibreOffice put them on the clipboard) fills the cells from the focused one, adding rows as needed; arrow up and
// down and Enter move between rows. Without the script the grid is a plain form with "add rows".
(function () {
  var table = document.getElementById("mobility-grid");
  if (!table) {
    return;
  }

  var body = table.tBodies[0];
  var status = document.getElementById("grid-status");
  var maxRows = parseInt(table.getAttribute("data-max-rows"), 10) || 200;

  function rows() {
    return Array.prototype.slice.call(body.querySelectorAll("tr.grid-row"));
  }

  function position(input) {
    var row = input.closest("tr.grid-row");
    var cells = Array.prototype.slice.call(row.querySelectorAll("input"));
    return { row: rows().indexOf(row), column: cells.indexOf(input) };
  }

  function cell(row, column) {
    var all = rows();
    return row < all.length ? all[row].querySelectorAll("input")[column] || null : null;
  }

  // A new empty row after the last, named and labelled as the server names them (Rows[i].Key, "Rows_i__Key").
  function addRow() {
    var all = rows();
    var last = all[all.length - 1];
    var index = all.length;
    var row = last.cloneNode(true);
    var header = row.querySelector("th");
    header.id = "row-" + index;
    header.textContent = String(index + 1);
    row.querySelectorAll("td").forEach(function (td) { td.classList.remove("invalid"); });
    row.querySelectorAll("input").forEach(function (input) {
      var key = input.name.replace(/^Rows\[\d+\]\./, "");
      input.name = "Rows[" + index + "]." + key;
      input.id = "Rows_" + index + "__" + key;
      input.value = "";
      input.setAttribute("aria-labelledby", "col-" + key + " row-" + index);
      input.removeAttribute("aria-invalid");
      input.removeAttribute("aria-describedby");
    });
    body.appendChild(row);
    return row;
  }

  // Tab-separated text as spreadsheets write it: a cell with a tab, newline or quote is quoted, quotes doubled.
  function parse(text) {
    var result = [];
    var row = [];
    var value = "";
    var quoted = false;
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') {
          value += '"';
          i++;
        } else if (c === '"') {
          quoted = false;
        } else {
          value += c;
        }
      } else if (c === '"' && value === "") {
        quoted = true;
      } else if (c === "\t") {
        row.push(value);
        value = "";
      } else if (c === "\n" || c === "\r") {
        if (c === "\r" && text[i + 1] === "\n") {
          i++;
        }
        row.push(value);
        result.push(row);
        row = [];
        value = "";
      } else {
        value += c;
      }
    }

    if (value !== "" || row.length > 0) {
      row.push(value);
      result.push(row);
    }

    return result;
  }

  function say(template, values) {
    if (!status || !template) {
      return;
    }
    status.textContent = template.replace(/\{(\d)\}/g, function (_, n) { return String(values[+n]); });
  }

  table.addEventListener("paste", function (event) {
    var input = event.target;
    if (!input || input.tagName !== "INPUT" || !event.clipboardData) {
      return;
    }

    var text = event.clipboardData.getData("text/plain");
    if (text.indexOf("\t") < 0 && text.indexOf("\n") < 0 && text.indexOf("\r") < 0) {
      return; // One value: the browser pastes it into the cell as usual.
    }

    event.preventDefault();
    var block = parse(text);
    var start = position(input);
    var width = rows()[0].querySelectorAll("input").length;
    var columns = 0;
    var pasted = 0;
    for (var r = 0; r < block.length; r++) {
      var target = start.row + r;
      if (target >= maxRows) {
        say(table.getAttribute("data-too-many"), [maxRows]);
        return;
      }
      while (rows().length <= target) {
        addRow();
      }
      for (var c = 0; c < block[r].length && start.column + c < width; c++) {
        cell(target, start.column + c).value = block[r][c].trim();
        columns = Math.max(columns, c + 1);
      }
      pasted++;
    }

    say(table.getAttribute("data-pasted"), [pasted, columns]);
  });

  table.addEventListener("keydown", function (event) {
    var input = event.target;
    if (!input || input.tagName !== "INPUT" || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) {
      return;
    }

    var step = event.key === "ArrowUp" ? -1 : event.key === "ArrowDown" || event.key === "Enter" ? 1 : 0;
    if (step === 0) {
      return;
    }

    var at = position(input);
    if (step > 0 && at.row + 1 >= rows().length && rows().length < maxRows) {
      addRow();
    }
    var next = at.row + step >= 0 ? cell(at.row + step, at.column) : null;
    event.preventDefault(); // Enter moves down, as in a spreadsheet, rather than saving the grid.
    if (next) {
      next.focus();
    }
  });
})();
