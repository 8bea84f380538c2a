// The project form without round trips (#21 item 6):
// - fills action, sector, call year and round from the project number as it is typed, by the rule of
//   Erasmus.Domain.Rules.ProjectNumberFacts (the codes and limits come from the page's #reference-derived), but
//   never a field the user chose by hand, and says what it filled;
// - swaps in the accreditation choice and the awarded-mobility rows (ProjectsController.AwardedRows, the same
//   partial the page renders) when the sector, call year or coordinator changes, keeping the numbers typed.
// Without this script the server does both when the form is posted ("Oppdater aktivitetstyper", or saving).
(function () {
  'use strict';

  var form = document.querySelector('form[data-project-form]');
  var note = document.getElementById('reference-derived');
  var reference = document.getElementById('Reference');
  var rows = document.getElementById('aktivitetstyper');
  var rowsStatus = document.getElementById('awarded-status');
  if (!form || !note || !reference || !rows || !rowsStatus) {
    return;
  }

  form.classList.add('with-script');

  var years = note.getAttribute('data-years').split('-').map(Number);
  var lastRound = Number(note.getAttribute('data-rounds'));
  var actions = note.getAttribute('data-actions').split(' ');
  var sectors = {};
  note.getAttribute('data-sectors').split(' ').forEach(function (pair) {
    var parts = pair.split('=');
    sectors[parts[0]] = parts[1];
  });

  // ProjectNumberFacts.Read: the leading segments, each only when complete and known.
  function read(value) {
    var facts = {};
    var segments = value.trim().toUpperCase().split('-');
    if (segments.length < 2 || !/^[0-9]{4}$/.test(segments[0])) {
      return facts;
    }
    var year = Number(segments[0]);
    if (year < years[0] || year > years[1]) {
      return facts;
    }
    facts.CallYear = String(year);
    if (!/^[0-9]$/.test(segments[1]) || Number(segments[1]) < 1 || Number(segments[1]) > lastRound) {
      return facts;
    }
    facts.Round = segments[1];
    if (segments.length < 4 || !/^[A-Z]{2}[0-9]{2}$/.test(segments[2]) || !/^KA[0-9]{3}$/.test(segments[3])) {
      return facts;
    }
    if (actions.indexOf(segments[3]) >= 0) {
      facts.Action = segments[3];
    }
    if (segments.length >= 5 && Object.prototype.hasOwnProperty.call(sectors, segments[4])) {
      facts.Sector = sectors[segments[4]];
    }
    return facts;
  }

  var names = ['Action', 'Sector', 'CallYear', 'Round'];
  var fields = {};
  var initial = read(reference.value);
  names.forEach(function (name) {
    var select = document.getElementById(name);
    if (!select) {
      return;
    }
    // A field may follow the number while it is empty or agrees with the number it was filled from.
    fields[name] = { select: select, follows: select.value === '' || select.value === initial[name] };
    select.addEventListener('change', function () {
      fields[name].follows = false;
    });
  });

  function labelOf(select) {
    var label = form.querySelector('label[for="' + select.id + '"]');
    if (!label) {
      return select.id;
    }
    var copy = label.cloneNode(true);
    copy.querySelectorAll('.required, .visually-hidden').forEach(function (n) { n.remove(); });
    return copy.textContent.trim();
  }

  reference.addEventListener('input', function () {
    var facts = read(reference.value);
    var filled = [];
    var rowsChange = false;
    names.forEach(function (name) {
      var field = fields[name];
      var value = facts[name];
      if (!field || !field.follows || value === undefined || field.select.value === value) {
        return;
      }
      var option = Array.prototype.find.call(field.select.options, function (o) { return o.value === value; });
      if (!option) {
        return;
      }
      field.select.value = value;
      filled.push(labelOf(field.select) + ': ' + option.text);
      rowsChange = rowsChange || name === 'Sector' || name === 'CallYear';
    });
    if (filled.length > 0) {
      note.textContent = note.getAttribute('data-message').replace('{0}', filled.join(', '));
    }
    if (rowsChange) {
      refreshRows();
    }
  });

  // The picker of the coordinator (another feature) dispatches a bubbling change on its select.
  form.addEventListener('change', function (event) {
    var id = event.target && event.target.id;
    if (id === 'Sector' || id === 'CallYear' || id === 'CoordinatorId') {
      refreshRows();
    }
  });

  var typed = {};
  var pending = null;

  function refreshRows() {
    var query = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (key === 'Reference' || key === 'Sector' || key === 'CallYear' || key === 'CoordinatorId' || key === 'AccreditationId' || key.indexOf('Awarded[') === 0) {
        query.append(key, value);
      }
    });
    if (pending) {
      pending.abort();
    }
    var mine = new AbortController();
    pending = mine;
    rows.setAttribute('aria-busy', 'true');
    fetch(rows.getAttribute('data-url') + '?' + query.toString(), { credentials: 'same-origin', signal: mine.signal, headers: { Accept: 'text/html' } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.text();
      })
      .then(swap)
      .catch(function (error) {
        if (error.name !== 'AbortError') {
          // The server's way is still there: show its button again.
          form.classList.remove('with-script');
          rowsStatus.textContent = rows.getAttribute('data-failed');
        }
      })
      .finally(function () {
        if (pending === mine) {
          rows.removeAttribute('aria-busy');
        }
      });
  }

  function swap(html) {
    var active = document.activeElement;
    var focused = active && rows.contains(active) ? active.name : null;
    // What the user has now, typed while the rows were on their way included.
    var current = {};
    rows.querySelectorAll('input[name^="Awarded["], select').forEach(function (control) {
      current[control.name] = control.value;
      typed[control.name] = control.value;
    });
    var template = document.createElement('template');
    template.innerHTML = html;
    rows.replaceChildren(template.content);
    rows.querySelectorAll('input[name^="Awarded["]').forEach(function (input) {
      if (Object.prototype.hasOwnProperty.call(current, input.name)) {
        input.value = current[input.name];
      } else if (input.value === '' && typed[input.name]) {
        // A row that comes back keeps the number typed into it before it went.
        input.value = typed[input.name];
      }
    });
    rows.querySelectorAll('select').forEach(function (select) {
      var before = current[select.name];
      if (before && Array.prototype.some.call(select.options, function (o) { return o.value === before; })) {
        select.value = before;
      }
    });
    if (focused) {
      var again = rows.querySelector('[name="' + CSS.escape(focused) + '"]');
      if (again) {
        again.focus();
      }
    }
    var fieldset = rows.querySelector('[data-announce]');
    rowsStatus.textContent = fieldset ? fieldset.getAttribute('data-announce') : '';
  }
})();
