/* Applies the reader's saved preferences before the page is painted, so it never flashes. */
(function () {
  try {
    var root = document.documentElement;
    root.classList.add('js');
    if (localStorage.getItem('dateline.readMode') === 'on') root.classList.add('read-mode');
    var size = parseInt(localStorage.getItem('dateline.fontSize'), 10);
    if (size >= 80 && size <= 200) root.style.setProperty('--article-scale', String(size / 100));
  } catch (e) { /* storage blocked: defaults apply */ }
})();
