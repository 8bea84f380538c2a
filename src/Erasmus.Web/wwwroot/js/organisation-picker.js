// The organisation picker (decision 0018): turns each select[data-organisation-picker] into a
// search-as-you-type combobox after the WAI-ARIA APG "editable combobox with list autocomplete".
// The select stays in the form as the value holder (hidden from sight and from screen readers):
// a choice selects its option and raises a bubbling change event on it, so other scripts
// (the receiving country) can listen to the select as if the user had used it.
(function () {
  'use strict';

  var MAX_HITS = 20;
  var details = {};
  document.querySelectorAll('script[data-organisation-details]').forEach(function (block) {
    try {
      var parsed = JSON.parse(block.textContent);
      Object.keys(parsed).forEach(function (id) { details[id] = parsed[id]; });
    } catch (e) {
      // Without details the picker still searches names.
    }
  });

  // Case and accents do not matter; ø, æ and a few other letters without a decomposition are spelled out.
  function fold(text) {
    return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
      .replace(/ø/g, 'o').replace(/æ/g, 'ae').replace(/ß/g, 'ss').replace(/đ/g, 'd').replace(/ł/g, 'l');
  }

  function format(template, a, b) {
    return template.replace('{0}', a).replace('{1}', b);
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function enhance(select) {
    var field = select.closest('.organisation-field') || select.parentNode;
    var text = field.dataset;
    var multiple = select.multiple;
    var id = select.id;
    var label = field.querySelector('label[for="' + id + '"]');

    var entries = Array.prototype.map.call(select.options, function (option) {
      var more = (details[option.value] || '||').split('|');
      var group = option.parentNode.tagName === 'OPTGROUP' ? option.parentNode.label : '';
      var name = option.text;
      return {
        option: option,
        value: option.value,
        name: name,
        // The country for foreign organisations, the municipality and numbers for all.
        detail: [more[0], more[1], more[2], option.dataset.country !== 'NO' ? group : ''].filter(Boolean).join(' · '),
        folded: fold(name),
        words: fold(name).split(/[\s\-–/().,]+/).filter(Boolean),
        others: [more[0], more[1], more[2]].filter(Boolean).map(fold)
      };
    }).filter(function (entry) { return entry.value !== ''; });
    var byValue = {};
    entries.forEach(function (entry) { byValue[entry.value] = entry; });

    // The search box takes over the select's label and descriptions.
    var input = element('input', 'picker-input');
    input.type = 'text';
    input.id = id + '-search';
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', id + '-listbox');
    input.setAttribute('autocomplete', 'off');
    input.setAttribute('spellcheck', 'false');
    if (select.required) { input.setAttribute('aria-required', 'true'); }
    if (select.getAttribute('aria-invalid')) { input.setAttribute('aria-invalid', 'true'); }

    var hint = field.querySelector('#' + CSS.escape(id + '-hint'));
    if (hint && hint.dataset.pickerHint) { hint.textContent = hint.dataset.pickerHint; }
    var searchHint = element('p', 'hint picker-hint', text.textSearch);
    searchHint.id = id + '-search-hint';
    var describedBy = [select.getAttribute('aria-describedby'), searchHint.id].filter(Boolean).join(' ');
    input.setAttribute('aria-describedby', describedBy);

    var listbox = element('ul', 'picker-listbox');
    listbox.id = id + '-listbox';
    listbox.setAttribute('role', 'listbox');
    listbox.hidden = true;
    if (label) {
      label.id = label.id || id + '-label';
      label.htmlFor = input.id;
      listbox.setAttribute('aria-labelledby', label.id);
    }

    // Shown instead of an empty list; the status says it to screen readers.
    var noHits = element('p', 'picker-empty', text.textNone);
    noHits.setAttribute('aria-hidden', 'true');
    noHits.hidden = true;

    var status = element('p', 'visually-hidden');
    status.id = id + '-status';
    status.setAttribute('role', 'status');

    var box = element('div', 'picker-box');
    box.appendChild(input);
    box.appendChild(listbox);
    box.appendChild(noHits);
    var picker = element('div', 'picker' + (multiple ? ' picker-multiple' : ''));
    picker.appendChild(searchHint);
    picker.appendChild(box);
    picker.appendChild(status);

    var chosenList = null;
    var nothingChosen = null;
    if (multiple) {
      chosenList = element('ul', 'picker-chosen');
      chosenList.setAttribute('aria-label', text.textChosen);
      nothingChosen = element('p', 'picker-nothing', text.textNothing);
      picker.appendChild(chosenList);
      picker.appendChild(nothingChosen);
    }

    // The select keeps its place and value but is neither seen nor reached: the picker stands for it.
    select.classList.add('picker-source');
    select.setAttribute('aria-hidden', 'true');
    select.tabIndex = -1;
    select.parentNode.insertBefore(picker, select.nextSibling);

    var hits = [];
    var active = -1;
    var announceTimer = 0;
    var ownChange = false;

    function chosenEntries() {
      return entries.filter(function (entry) { return entry.option.selected; });
    }

    function chosenName() {
      var chosen = chosenEntries()[0];
      return chosen ? chosen.name : '';
    }

    // Prefix of the name first, then a word of the name, then municipality, numbers or OID, then anywhere in the name.
    function rank(entry, terms) {
      var best = 4;
      for (var i = 0; i < terms.length; i++) {
        var term = terms[i];
        var score;
        if (entry.folded.indexOf(term) === 0) { score = 0; }
        else if (entry.words.some(function (w) { return w.indexOf(term) === 0; })) { score = 1; }
        else if (entry.others.some(function (o) { return o.indexOf(term) === 0 || o.replace(/\s/g, '').indexOf(term) === 0; })) { score = 2; }
        else if (entry.folded.indexOf(term) >= 0 || entry.others.some(function (o) { return o.indexOf(term) >= 0; })) { score = 3; }
        else { return -1; }
        if (i === 0) { best = score; }
      }
      return best;
    }

    function search(query) {
      var terms = fold(query).split(/\s+/).filter(Boolean);
      var open = entries.filter(function (entry) { return !(multiple && entry.option.selected); });
      if (terms.length === 0) { return { total: open.length, list: open.slice(0, MAX_HITS) }; }
      var found = [];
      open.forEach(function (entry, index) {
        var score = rank(entry, terms);
        if (score >= 0) { found.push({ entry: entry, score: score, index: index }); }
      });
      found.sort(function (a, b) { return a.score - b.score || a.index - b.index; });
      return { total: found.length, list: found.slice(0, MAX_HITS).map(function (f) { return f.entry; }) };
    }

    function announce(message) {
      window.clearTimeout(announceTimer);
      // A short pause, so that a screen reader says the count once the user stops typing.
      status.textContent = '';
      announceTimer = window.setTimeout(function () { status.textContent = message; }, 400);
    }

    function countText(total, shown) {
      if (total === 0) { return text.textNone; }
      if (total > shown) { return format(text.textFirst, total, shown); }
      return total === 1 ? text.textHit : format(text.textHits, total);
    }

    function optionId(entry) {
      return id + '-option-' + entry.value;
    }

    function render() {
      var result = search(input.value);
      hits = result.list;
      active = -1;
      listbox.textContent = '';
      hits.forEach(function (entry, index) {
        var item = element('li', 'picker-option');
        item.id = optionId(entry);
        item.setAttribute('role', 'option');
        item.setAttribute('aria-selected', 'false');
        item.appendChild(element('span', 'picker-name', entry.name));
        if (entry.detail) { item.appendChild(element('span', 'picker-detail', entry.detail)); }
        item.addEventListener('click', function () { choose(index); });
        listbox.appendChild(item);
      });
      input.removeAttribute('aria-activedescendant');
      announce(countText(result.total, hits.length));
    }

    function open() {
      render();
      listbox.hidden = hits.length === 0;
      noHits.hidden = hits.length > 0;
      input.setAttribute('aria-expanded', hits.length > 0 ? 'true' : 'false');
    }

    function close() {
      listbox.hidden = true;
      noHits.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }

    function isOpen() {
      return !listbox.hidden || !noHits.hidden;
    }

    function activate(index) {
      var items = listbox.querySelectorAll('[role=option]');
      if (active >= 0 && items[active]) { items[active].setAttribute('aria-selected', 'false'); }
      active = index;
      if (index < 0 || !items[index]) {
        active = -1;
        input.removeAttribute('aria-activedescendant');
        return;
      }
      items[index].setAttribute('aria-selected', 'true');
      input.setAttribute('aria-activedescendant', items[index].id);
      items[index].scrollIntoView({ block: 'nearest' });
    }

    function changed() {
      ownChange = true;
      try {
        select.dispatchEvent(new Event('change', { bubbles: true }));
      } finally {
        ownChange = false;
      }
    }

    function choose(index) {
      var entry = hits[index];
      if (!entry) { return; }
      if (multiple) {
        entry.option.selected = true;
        input.value = '';
        close();
        renderChosen();
        announceNow(format(text.textAdded, entry.name));
      } else {
        select.value = entry.value;
        input.value = entry.name;
        close();
      }
      changed();
      input.focus();
    }

    function announceNow(message) {
      window.clearTimeout(announceTimer);
      status.textContent = message;
    }

    function clearSingle() {
      if (select.value === '') { return; }
      select.value = '';
      changed();
    }

    function renderChosen() {
      if (!multiple) {
        if (document.activeElement !== input) { input.value = chosenName(); }
        return;
      }
      chosenList.textContent = '';
      var chosen = chosenEntries();
      chosen.forEach(function (entry) {
        var item = element('li', 'picker-chip');
        var name = element('span', 'picker-chip-name', entry.name);
        item.appendChild(name);
        if (entry.detail) { item.appendChild(element('span', 'picker-detail', entry.detail)); }
        var remove = element('button', 'picker-remove', text.textRemove);
        remove.type = 'button';
        remove.dataset.value = entry.value;
        remove.appendChild(element('span', 'visually-hidden', ' ' + entry.name));
        remove.addEventListener('click', function () { unchoose(entry, remove); });
        item.appendChild(remove);
        chosenList.appendChild(item);
      });
      chosenList.hidden = chosen.length === 0;
      nothingChosen.hidden = chosen.length > 0;
    }

    // After a removal focus goes to the next remove button, else the previous, else the search box.
    function unchoose(entry, button) {
      var buttons = Array.prototype.slice.call(chosenList.querySelectorAll('.picker-remove'));
      var at = buttons.indexOf(button);
      entry.option.selected = false;
      renderChosen();
      changed();
      var after = chosenList.querySelectorAll('.picker-remove');
      var next = after[Math.min(at, after.length - 1)];
      (next || input).focus();
      announceNow(format(text.textRemoved, entry.name));
    }

    // A press on the list (an option, its scroll bar) keeps focus in the search box.
    listbox.addEventListener('mousedown', function (event) { event.preventDefault(); });

    input.addEventListener('input', function () {
      open();
    });

    input.addEventListener('keydown', function (event) {
      var count = hits.length;
      switch (event.key) {
        case 'ArrowDown':
          event.preventDefault();
          if (!isOpen()) {
            open();
            if (!event.altKey) { activate(0); }
          } else if (count > 0) {
            activate(active + 1 >= count ? 0 : active + 1);
          }
          break;
        case 'ArrowUp':
          event.preventDefault();
          if (!isOpen()) {
            open();
            activate(hits.length - 1);
          } else if (count > 0) {
            activate(active <= 0 ? count - 1 : active - 1);
          }
          break;
        case 'Enter':
          if (isOpen()) {
            event.preventDefault();
            if (active >= 0) { choose(active); } else if (count === 1) { choose(0); }
          }
          break;
        case 'Escape':
          if (isOpen()) {
            event.preventDefault();
            close();
          } else if (input.value !== '') {
            event.preventDefault();
            input.value = '';
          }
          break;
        case 'Tab':
          if (isOpen() && active >= 0) { choose(active); }
          close();
          break;
        case 'Home':
        case 'End':
        case 'ArrowLeft':
        case 'ArrowRight':
          // Back to the text: the caret moves, the list stays open without an active option.
          activate(-1);
          break;
        default:
          break;
      }
    });

    picker.addEventListener('focusout', function (event) {
      if (picker.contains(event.relatedTarget)) { return; }
      close();
      if (!multiple) {
        // Emptied means none chosen; anything else typed and left falls back to the choice.
        if (input.value.trim() === '') { clearSingle(); }
        input.value = chosenName();
      }
    });

    // A chosen name is selected on entry, so typing replaces it.
    input.addEventListener('focus', function () {
      if (!multiple && input.value !== '') { input.select(); }
    });

    input.addEventListener('click', function () {
      if (!isOpen()) { open(); }
    });

    // Someone else changed the select (another script, a test): show its choice.
    select.addEventListener('change', function () {
      if (!ownChange) { renderChosen(); }
    });

    input.value = multiple ? '' : chosenName();
    renderChosen();
  }

  document.querySelectorAll('select[data-organisation-picker]').forEach(enhance);
})();
