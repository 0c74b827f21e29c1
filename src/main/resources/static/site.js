/* Dateline's progressive enhancements: Read mode in place, the text-size control, the view beacon.
   Pages work without this file; it only makes the controls do more. */
(function () {
  'use strict';
  var root = document.documentElement;
  var MIN = 80, MAX = 200, STEP = 10;

  function store(key, value) {
    try { if (value === null) localStorage.removeItem(key); else localStorage.setItem(key, value); } catch (e) { /* ignore */ }
  }
  function stored(key) {
    try { return localStorage.getItem(key); } catch (e) { return null; }
  }

  /* Read mode: the link to the reader view becomes a toggle button that switches this page in place. */
  function setupReadMode() {
    var button = document.querySelector('.read-mode-toggle');
    var link = document.querySelector('.read-mode-link');
    if (!button) return;
    function show(on) {
      root.classList.toggle('read-mode', on);
      button.setAttribute('aria-pressed', on ? 'true' : 'false');
      button.textContent = on ? 'Exit read mode' : 'Read mode';
    }
    button.hidden = false;
    if (link) link.hidden = true;
    show(root.classList.contains('read-mode'));
    button.addEventListener('click', function () {
      var on = !root.classList.contains('read-mode');
      show(on);
      store('dateline.readMode', on ? 'on' : null);
      if (!on) button.focus();
    });
    document.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && root.classList.contains('read-mode')) {
        show(false);
        store('dateline.readMode', null);
        button.focus();
      }
    });
  }

  /* Text size: smaller / larger / reset in steps of 10%, remembered, announced through the <output>. */
  function setupFontSize() {
    var groups = document.querySelectorAll('.font-size');
    if (!groups.length) return;
    var size = parseInt(stored('dateline.fontSize'), 10);
    if (!(size >= MIN && size <= MAX)) size = 100;
    function apply() {
      root.style.setProperty('--article-scale', String(size / 100));
      groups.forEach(function (group) {
        group.querySelector('.font-size-value').textContent = size + '%';
        group.querySelector('[data-font-step="-10"]').disabled = size <= MIN;
        group.querySelector('[data-font-step="10"]').disabled = size >= MAX;
      });
    }
    groups.forEach(function (group) {
      group.hidden = false;
      group.addEventListener('click', function (event) {
        var target = event.target.closest('button');
        if (!target) return;
        if (target.hasAttribute('data-font-reset')) size = 100;
        else size = Math.min(MAX, Math.max(MIN, size + parseInt(target.getAttribute('data-font-step'), 10)));
        store('dateline.fontSize', size === 100 ? null : String(size));
        apply();
      });
    });
    apply();
  }

  /* One view per page load; the server decides whether it counts. */
  function sendBeacon() {
    var article = document.querySelector('[data-article-id]');
    if (!article || !navigator.sendBeacon) return;
    navigator.sendBeacon('/v/' + article.getAttribute('data-article-id'));
  }

  /* Phones: the section menu is one line that scrolls sideways; the current section is brought into it. */
  function showCurrentSection() {
    var current = document.querySelector('.sections [aria-current]');
    if (!current) return;
    var list = current.closest('ul');
    if (list && list.scrollWidth > list.clientWidth) {
      list.scrollLeft = current.parentNode.offsetLeft - (list.clientWidth - current.parentNode.offsetWidth) / 2;
    }
  }

  setupReadMode();
  setupFontSize();
  showCurrentSection();
  sendBeacon();
})();
