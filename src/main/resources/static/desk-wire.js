// The wire queue: says how many items arrived since the page was shown (without reloading it), and
// lets an editor move through the list with j and k.
(() => {
  const notice = document.getElementById('wire-new');
  if (notice) {
    const since = notice.dataset.since;
    const check = async () => {
      try {
        const response = await fetch('/desk/wire/new-count?since=' + since, {headers: {Accept: 'application/json'}});
        if (response.ok) {
          const {count} = await response.json();
          if (count > 0) {
            notice.hidden = false;
            notice.textContent = '';
            const link = document.createElement('a');
            link.href = location.pathname + location.search.replace(/([?&])after=[^&]*&?/, '$1');
            link.id = 'wire-show-new';
            link.textContent = count === 1 ? '1 new item: show it' : count + ' new items: show them';
            notice.append(link);
          }
        }
      } catch (e) {
        // offline for a moment: the next check tries again
      }
    };
    setInterval(check, 5000);
  }
  const links = () => Array.from(document.querySelectorAll('a.wire-link'));
  document.addEventListener('keydown', (event) => {
    if (event.target.closest('input, select, textarea') || event.metaKey || event.ctrlKey || event.altKey) {
      return;
    }
    if (event.key !== 'j' && event.key !== 'k') {
      return;
    }
    const all = links();
    if (all.length === 0) {
      return;
    }
    const at = all.indexOf(document.activeElement);
    const next = event.key === 'j' ? Math.min(all.length - 1, at + 1) : Math.max(0, at < 0 ? 0 : at - 1);
    all[next].focus();
    event.preventDefault();
  });
})();
