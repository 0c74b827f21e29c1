// The desk home: the "Now" list (the stories most read in the last hour) refreshes itself every
// minute without reloading the page. Without this script the list is as the page was served.
(() => {
  const list = document.getElementById('now-list');
  if (!list) return;
  const note = document.getElementById('now-updated');
  const refresh = async () => {
    try {
      const response = await fetch('/desk/now', {headers: {Accept: 'application/json'}});
      if (!response.ok) return;
      const {stories} = await response.json();
      list.replaceChildren(...stories.map(story => {
        const item = document.createElement('li');
        const link = document.createElement('a');
        link.href = story.path;
        link.textContent = story.headline;
        const views = document.createElement('span');
        views.className = 'views';
        views.textContent = story.views === 1 ? '1 view' : story.views.toLocaleString('en') + ' views';
        item.append(link, ' ', views);
        return item;
      }));
      list.hidden = stories.length === 0;
      const empty = document.getElementById('now-empty');
      if (empty) empty.hidden = stories.length > 0;
      if (note) note.textContent = 'Updated ' + new Date().toLocaleTimeString('en-GB', {hour: '2-digit', minute: '2-digit'}) + '.';
    } catch (e) {
      // the desk cannot be reached: the list stays as it was
    }
  };
  setInterval(refresh, 60000);
})();
