// The desk's story editor: ProseMirror on the body field, image upload into the body, link embeds,
// tag and Read-more pickers, autosave of unpublished stories, and "who else has this story open".
// Without JavaScript the form still works: the body is then an HTML text area.
import {Schema, DOMParser, DOMSerializer} from "prosemirror-model";
import {EditorState, Plugin, TextSelection, NodeSelection} from "prosemirror-state";
import {EditorView} from "prosemirror-view";
import {history, undo, redo} from "prosemirror-history";
import {keymap} from "prosemirror-keymap";
import {baseKeymap, toggleMark, setBlockType, wrapIn, lift, chainCommands} from "prosemirror-commands";
import {wrapInList, splitListItem, liftListItem, sinkListItem} from "prosemirror-schema-list";
import {inputRules, wrappingInputRule, textblockTypeInputRule, smartQuotes, emDash, ellipsis} from "prosemirror-inputrules";
import {dropCursor} from "prosemirror-dropcursor";
import {gapCursor} from "prosemirror-gapcursor";

// The schema is the body's whole vocabulary; the server's sanitizer allows exactly this and a little more.
export const schema = new Schema({
  nodes: {
    doc: {content: "block+"},
    paragraph: {group: "block", content: "inline*", parseDOM: [{tag: "p"}], toDOM: () => ["p", 0]},
    heading: {
      group: "block", content: "inline*", defining: true, attrs: {level: {default: 2}},
      parseDOM: [{tag: "h1", attrs: {level: 2}}, {tag: "h2", attrs: {level: 2}}, {tag: "h3", attrs: {level: 3}},
        {tag: "h4", attrs: {level: 4}}, {tag: "h5", attrs: {level: 4}}, {tag: "h6", attrs: {level: 4}}],
      toDOM: node => ["h" + node.attrs.level, 0]
    },
    blockquote: {group: "block", content: "block+", defining: true, parseDOM: [{tag: "blockquote"}], toDOM: () => ["blockquote", 0]},
    horizontal_rule: {group: "block", parseDOM: [{tag: "hr"}], toDOM: () => ["hr"]},
    bullet_list: {group: "block", content: "list_item+", parseDOM: [{tag: "ul"}], toDOM: () => ["ul", 0]},
    ordered_list: {group: "block", content: "list_item+", parseDOM: [{tag: "ol"}], toDOM: () => ["ol", 0]},
    list_item: {content: "paragraph block*", defining: true, parseDOM: [{tag: "li"}], toDOM: () => ["li", 0]},
    embed: {
      group: "block", atom: true, selectable: true, draggable: true, attrs: {href: {}, title: {default: ""}},
      parseDOM: [{tag: "figure.embed", priority: 60, getAttrs: dom => {
        const a = dom.querySelector("a[href]");
        return a ? {href: a.getAttribute("href"), title: a.textContent.trim()} : false;
      }}],
      toDOM: node => ["figure", {class: "embed"}, ["a", {href: node.attrs.href}, node.attrs.title || node.attrs.href]]
    },
    figure: {
      group: "block", content: "figure_image figcaption", defining: true, draggable: true,
      parseDOM: [{tag: "figure"}], toDOM: () => ["figure", 0]
    },
    figure_image: {
      // width and height let the page keep the image's room before it loads (no layout shift)
      atom: true, attrs: {src: {default: ""}, alt: {default: ""}, width: {default: null}, height: {default: null}},
      parseDOM: [{tag: "img[src]", getAttrs: dom => ({src: dom.getAttribute("src"), alt: dom.getAttribute("alt") || "",
        width: dom.getAttribute("width"), height: dom.getAttribute("height")})}],
      toDOM: node => ["img", node.attrs.width && node.attrs.height
        ? {src: node.attrs.src, alt: node.attrs.alt, width: node.attrs.width, height: node.attrs.height}
        : {src: node.attrs.src, alt: node.attrs.alt}]
    },
    figcaption: {content: "text*", marks: "em link", parseDOM: [{tag: "figcaption"}], toDOM: () => ["figcaption", 0]},
    text: {group: "inline"},
    hard_break: {inline: true, group: "inline", selectable: false, parseDOM: [{tag: "br"}], toDOM: () => ["br"]}
  },
  marks: {
    link: {
      attrs: {href: {}}, inclusive: false,
      parseDOM: [{tag: "a[href]", getAttrs: dom => ({href: dom.getAttribute("href")})}],
      toDOM: mark => ["a", {href: mark.attrs.href}, 0]
    },
    strong: {parseDOM: [{tag: "strong"}, {tag: "b"}], toDOM: () => ["strong", 0]},
    em: {parseDOM: [{tag: "em"}, {tag: "i"}], toDOM: () => ["em", 0]}
  }
});

// The figure or embed the selection stands on (a click on an image selects the image), as a range.
function selectedFigure(state) {
  const sel = state.selection;
  if (!(sel instanceof NodeSelection)) return null;
  if (sel.node.type === schema.nodes.figure || sel.node.type === schema.nodes.embed) return {from: sel.from, to: sel.to};
  if (sel.node.type === schema.nodes.figure_image) return {from: sel.$from.before(), to: sel.$from.after()};
  return null;
}

// Enter in a caption, or on a selected image or embed, starts a new paragraph below its figure
// (splitting the figure would make one with an empty image).
function exitFigure(state, dispatch) {
  const figure = selectedFigure(state);
  let after;
  if (figure) {
    after = figure.to;
  } else if (state.selection.$from.parent.type === schema.nodes.figcaption) {
    after = state.selection.$from.after(state.selection.$from.depth - 1);
  } else {
    return false;
  }
  if (dispatch) {
    const tr = state.tr.insert(after, schema.nodes.paragraph.create());
    dispatch(tr.setSelection(TextSelection.create(tr.doc, after + 1)).scrollIntoView());
  }
  return true;
}

// Backspace or Delete on a selected image removes its whole figure, caption included.
function deleteFigure(state, dispatch) {
  const figure = selectedFigure(state);
  if (!figure) return false;
  if (dispatch) dispatch(state.tr.delete(figure.from, figure.to).scrollIntoView());
  return true;
}

const csrf = () => document.querySelector("input[name=_csrf]").value;

function markActive(state, type) {
  const {from, $from, to, empty} = state.selection;
  return empty ? !!type.isInSet(state.storedMarks || $from.marks()) : state.doc.rangeHasMark(from, to, type);
}

function blockActive(state, type, attrs) {
  const {$from} = state.selection;
  for (let d = $from.depth; d > 0; d--) {
    const node = $from.node(d);
    if (node.type === type && (!attrs || Object.keys(attrs).every(k => node.attrs[k] === attrs[k]))) return true;
  }
  return false;
}

// A small modal form for links, images and embeds: a real <dialog>, so focus and Escape behave.
// act(values) does the work; if it throws, its message is shown and the dialog stays open.
function ask(title, fields, submitLabel, act) {
  const dialog = document.createElement("dialog");
  dialog.className = "editor-dialog";
  dialog.setAttribute("aria-labelledby", "dlg-title");
  const form = document.createElement("form");
  const heading = document.createElement("h2");
  heading.id = "dlg-title";
  heading.textContent = title;
  const error = document.createElement("p");
  error.className = "form-error";
  error.setAttribute("role", "alert");
  error.hidden = true;
  form.append(heading, error);
  for (const f of fields) {
    const label = document.createElement("label");
    label.htmlFor = "dlg-" + f.name;
    label.textContent = f.label;
    const input = document.createElement("input");
    Object.assign(input, {id: "dlg-" + f.name, name: f.name, type: f.type || "text", required: !!f.required});
    if (f.accept) input.accept = f.accept;
    if (f.files) input.files = f.files; // a pasted or dropped file, already chosen
    form.append(label, input);
  }
  const actions = document.createElement("div");
  actions.className = "dialog-actions";
  const ok = document.createElement("button");
  ok.type = "submit";
  ok.textContent = submitLabel;
  const cancel = document.createElement("button");
  cancel.type = "button";
  cancel.textContent = "Cancel";
  cancel.addEventListener("click", () => dialog.close());
  actions.append(ok, cancel);
  form.append(actions);
  dialog.append(form);
  document.body.append(dialog);
  form.addEventListener("submit", async event => {
    event.preventDefault();
    const values = {};
    for (const f of fields) {
      const input = form.elements[f.name];
      values[f.name] = f.type === "file" ? input.files[0] : input.value.trim();
    }
    ok.disabled = true;
    try {
      await act(values);
      dialog.close();
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
    } finally {
      ok.disabled = false;
    }
  });
  dialog.addEventListener("close", () => dialog.remove());
  dialog.showModal();
}

async function uploadImage(file, alt, caption, credit) {
  const data = new FormData();
  data.append("_csrf", csrf());
  data.append("image", file);
  data.append("altText", alt);
  data.append("caption", caption);
  data.append("credit", credit);
  const response = await fetch("/desk/images", {method: "POST", body: data, headers: {Accept: "application/json"}});
  const body = await response.json().catch(() => ({error: "The upload failed (" + response.status + ")."}));
  if (!response.ok) throw new Error(body.error || "The upload failed.");
  return body;
}

// Asks for the image's alt text, caption and credit, uploads it, and puts it at the selection as a
// figure. {@code files}: a pasted or dropped file, already chosen in the dialog.
function imageDialog(view, files) {
  ask("Add an image", [
    {name: "file", label: "Image file (JPEG, PNG or WebP)", type: "file", accept: "image/jpeg,image/png,image/webp", required: true, files},
    {name: "alt", label: "Alt text (what the image shows)", required: true},
    {name: "caption", label: "Caption"}, {name: "credit", label: "Credit"}], "Upload", async values => {
    const image = await uploadImage(values.file, values.alt, values.caption, values.credit);
    const caption = [image.caption, image.credit].filter(Boolean).join(" ");
    const figure = schema.nodes.figure.create(null, [schema.nodes.figure_image.create({src: image.src, alt: image.alt, width: String(image.srcWidth), height: String(image.srcHeight)}),
      schema.nodes.figcaption.create(null, caption ? schema.text(caption) : null)]);
    view.dispatch(view.state.tr.replaceSelectionWith(figure).scrollIntoView());
  });
}

// An image file pasted or dropped into the body goes through the same dialog (alt text is required).
function imageFiles(transfer) {
  if (!transfer || !transfer.files || transfer.files.length !== 1 || !transfer.files[0].type.startsWith("image/")) return null;
  const one = new DataTransfer();
  one.items.add(transfer.files[0]);
  return one.files;
}

function toolbar(view, items) {
  const bar = document.createElement("div");
  bar.className = "editor-toolbar";
  bar.setAttribute("role", "toolbar");
  bar.setAttribute("aria-label", "Formatting");
  const buttons = items.map(item => {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = item.label;
    if (item.title) b.title = item.title;
    if (item.active) b.setAttribute("aria-pressed", "false");
    b.addEventListener("mousedown", e => e.preventDefault());
    b.addEventListener("click", () => { item.run(view.state, view.dispatch, view); view.focus(); });
    bar.append(b);
    return {b, item};
  });
  // One tab stop for the whole toolbar; arrow keys, Home and End move between its buttons (the ARIA toolbar pattern).
  const all = () => buttons.map(x => x.b);
  const focusAt = i => { all().forEach((b, j) => { b.tabIndex = j === i ? 0 : -1; }); all()[i].focus(); };
  all().forEach((b, i) => { b.tabIndex = i === 0 ? 0 : -1; });
  bar.addEventListener("keydown", event => {
    const i = all().indexOf(document.activeElement);
    if (i < 0) return;
    const last = all().length - 1;
    const next = {ArrowRight: i === last ? 0 : i + 1, ArrowLeft: i === 0 ? last : i - 1, Home: 0, End: last}[event.key];
    if (next !== undefined) { event.preventDefault(); focusAt(next); }
  });
  const update = state => {
    for (const {b, item} of buttons) {
      if (item.active) b.setAttribute("aria-pressed", String(item.active(state)));
      if (item.enabled) b.disabled = !item.enabled(state);
    }
  };
  return {bar, update};
}

function mountEditor(textarea) {
  // Parsed inertly, in a <template>: an element of this page given the HTML would load its images and
  // run their handlers (an <img onerror> typed by hand and sent back with a refused form).
  const inert = document.createElement("template");
  inert.innerHTML = textarea.value;
  const holder = inert.content;
  const label = document.querySelector(`label[for="${textarea.id}"]`);
  label.id = label.id || textarea.id + "-label";
  const state = EditorState.create({
    doc: DOMParser.fromSchema(schema).parse(holder),
    plugins: [
      inputRules({rules: smartQuotes.concat(ellipsis, emDash,
        wrappingInputRule(/^\s*>\s$/, schema.nodes.blockquote),
        wrappingInputRule(/^\s*([-+*])\s$/, schema.nodes.bullet_list),
        wrappingInputRule(/^(\d+)\.\s$/, schema.nodes.ordered_list),
        textblockTypeInputRule(/^(#{2,4})\s$/, schema.nodes.heading, m => ({level: m[1].length})))}),
      keymap({"Mod-z": undo, "Shift-Mod-z": redo, "Mod-y": redo, "Mod-b": toggleMark(schema.marks.strong),
        "Mod-i": toggleMark(schema.marks.em), "Mod-k": (s, d, v) => { linkItem.run(s, d, v); return true; }, "Shift-Enter": (s, d) => { d && d(s.tr.replaceSelectionWith(schema.nodes.hard_break.create()).scrollIntoView()); return true; },
        "Enter": chainCommands(exitFigure, splitListItem(schema.nodes.list_item)), "Backspace": deleteFigure, "Delete": deleteFigure, "Mod-[": liftListItem(schema.nodes.list_item), "Mod-]": sinkListItem(schema.nodes.list_item)}),
      keymap(baseKeymap), history(), dropCursor(), gapCursor(),
      new Plugin({view: () => ({update: v => tools.update(v.state)})})
    ]
  });
  const serializer = DOMSerializer.fromSchema(schema);
  const wrapper = document.createElement("div");
  wrapper.className = "editor";
  const mount = document.createElement("div");
  const view = new EditorView(mount, {
    state,
    attributes: {class: "editor-body story-body", role: "textbox", "aria-multiline": "true", "aria-labelledby": label.id},
    handlePaste(v, event) {
      const files = imageFiles(event.clipboardData);
      if (!files) return false;
      imageDialog(v, files);
      return true;
    },
    handleDrop(v, event) {
      const files = imageFiles(event.dataTransfer);
      if (!files) return false;
      const at = v.posAtCoords({left: event.clientX, top: event.clientY});
      if (at) v.dispatch(v.state.tr.setSelection(TextSelection.near(v.state.doc.resolve(at.pos))));
      imageDialog(v, files);
      return true;
    },
    dispatchTransaction(tr) {
      view.updateState(view.state.apply(tr));
      if (tr.docChanged) {
        const out = document.createElement("div");
        out.append(serializer.serializeFragment(view.state.doc.content));
        textarea.value = out.innerHTML;
        textarea.dispatchEvent(new Event("input", {bubbles: true}));
        count(view.state.doc);
      }
    }
  });
  // The length of the story as the desk talks about it: words, and minutes to read at 230 a minute.
  const counter = document.createElement("p");
  counter.className = "editor-count";
  const count = doc => {
    const words = doc.textBetween(0, doc.content.size, " ", " ").split(/\s+/).filter(Boolean).length;
    counter.textContent = words === 1 ? "1 word" : words + " words" + (words ? " · about " + Math.max(1, Math.ceil(words / 230)) + " min to read" : "");
  };
  count(view.state.doc);
  const heading = level => ({label: "H" + level, title: "Heading " + level, run: setBlockType(schema.nodes.heading, {level}),
    active: s => blockActive(s, schema.nodes.heading, {level})});
  const linkItem = {label: "Link", title: "Link (Ctrl+K)", active: s => markActive(s, schema.marks.link), run: (s, d, v) => {
      if (markActive(s, schema.marks.link)) { toggleMark(schema.marks.link)(s, d); return; }
      if (s.selection.empty) { // nothing selected: the words to show are asked for too
        ask("Add a link", [{name: "text", label: "Words to show", required: true},
          {name: "href", label: "Address (https://…)", type: "url", required: true}], "Add link",
          values => { v.dispatch(v.state.tr.replaceSelectionWith(schema.text(values.text, [schema.marks.link.create({href: values.href})]), false)); });
        return;
      }
      ask("Add a link", [{name: "href", label: "Address (https://…)", type: "url", required: true}], "Add link",
        values => { toggleMark(schema.marks.link, {href: values.href})(v.state, v.dispatch); });
  }};
  const tools = toolbar(view, [
    {label: "Bold", title: "Bold (Ctrl+B)", run: toggleMark(schema.marks.strong), active: s => markActive(s, schema.marks.strong)},
    {label: "Italic", title: "Italic (Ctrl+I)", run: toggleMark(schema.marks.em), active: s => markActive(s, schema.marks.em)},
    linkItem,
    {label: "Paragraph", title: "Plain paragraph", run: setBlockType(schema.nodes.paragraph), active: s => s.selection.$from.parent.type === schema.nodes.paragraph && !blockActive(s, schema.nodes.list_item) && !blockActive(s, schema.nodes.blockquote)},
    heading(2), heading(3),
    {label: "Quote", run: (s, d) => blockActive(s, schema.nodes.blockquote) ? lift(s, d) : wrapIn(schema.nodes.blockquote)(s, d), active: s => blockActive(s, schema.nodes.blockquote)},
    {label: "• List", title: "Bulleted list", run: (s, d) => blockActive(s, schema.nodes.bullet_list) ? liftListItem(schema.nodes.list_item)(s, d) : wrapInList(schema.nodes.bullet_list)(s, d), active: s => blockActive(s, schema.nodes.bullet_list)},
    {label: "1. List", title: "Numbered list", run: (s, d) => blockActive(s, schema.nodes.ordered_list) ? liftListItem(schema.nodes.list_item)(s, d) : wrapInList(schema.nodes.ordered_list)(s, d), active: s => blockActive(s, schema.nodes.ordered_list)},
    {label: "Image", title: "Upload an image into the story (or paste or drop one)", run: (s, d, v) => imageDialog(v, null)},
    {label: "Embed", title: "Embed a link (a post, a video, a document)", run: (s, d, v) => {
      ask("Embed a link", [{name: "href", label: "Address (https://…)", type: "url", required: true},
        {name: "title", label: "Title shown to readers"}], "Embed",
        values => { v.dispatch(v.state.tr.replaceSelectionWith(schema.nodes.embed.create({href: values.href, title: values.title})).scrollIntoView()); });
    }},
    {label: "Undo", run: undo, enabled: s => undo(s)}, {label: "Redo", run: redo, enabled: s => redo(s)}
  ]);
  wrapper.append(tools.bar, mount);
  textarea.hidden = true;
  textarea.after(wrapper, counter);
  label.addEventListener("click", () => view.focus());
  tools.update(view.state);
  return view;
}

// Tags: suggestions from the desk's tag list as the writer types the last tag.
function tagSuggestions(input) {
  const list = document.createElement("datalist");
  list.id = input.id + "-suggestions";
  input.after(list);
  input.setAttribute("list", list.id);
  input.setAttribute("autocomplete", "off");
  let timer;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const parts = input.value.split(",");
      const last = parts.pop().trim();
      if (last.length < 1) { list.replaceChildren(); return; }
      const response = await fetch("/desk/tags?q=" + encodeURIComponent(last), {headers: {Accept: "application/json"}});
      if (!response.ok) return;
      const names = await response.json();
      const prefix = parts.map(p => p.trim()).filter(Boolean);
      list.replaceChildren(...names.map(name => {
        const option = document.createElement("option");
        option.value = prefix.concat(name).join(", ");
        return option;
      }));
    }, 150);
  });
}

// Read-more picks: search published stories as the editor types; picks are listed by headline, in
// order, each with a button to take it out; the ids field behind them is what the form sends.
function relatedPicker(input) {
  const picks = document.getElementById("related-picks");
  const ids = () => input.value.split(",").map(s => s.trim()).filter(Boolean);
  const sync = () => {
    input.value = [...picks.querySelectorAll("li[data-id]")].map(li => li.dataset.id).join(", ");
    input.dispatchEvent(new Event("input", {bubbles: true}));
  };
  const withRemove = li => {
    const remove = document.createElement("button");
    remove.type = "button";
    remove.textContent = "Remove";
    remove.setAttribute("aria-label", "Remove “" + li.textContent.trim() + "” from Read more");
    remove.addEventListener("click", () => { li.remove(); sync(); });
    li.append(" ", remove);
    return li;
  };
  picks.querySelectorAll("li[data-id]").forEach(withRemove);
  const box = document.createElement("div");
  box.className = "related-picker";
  const label = document.createElement("label");
  label.htmlFor = "related-search";
  label.textContent = "Find a published story to add to Read more";
  const search = document.createElement("input");
  search.id = "related-search";
  search.type = "search";
  search.autocomplete = "off";
  const results = document.createElement("ul");
  results.className = "related-results";
  results.setAttribute("aria-live", "polite");
  box.append(label, search, results);
  picks.after(box);
  let timer;
  search.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = search.value.trim();
      if (q.length < 2) { results.replaceChildren(); return; }
      const response = await fetch("/desk/stories/search?q=" + encodeURIComponent(q), {headers: {Accept: "application/json"}});
      if (!response.ok) return;
      const own = document.querySelector("form.story-form").dataset.story;
      const stories = (await response.json()).filter(story => story.id !== own && !ids().includes(story.id));
      results.replaceChildren(...stories.map(story => {
        const li = document.createElement("li");
        const add = document.createElement("button");
        add.type = "button";
        add.textContent = "Add";
        add.setAttribute("aria-label", "Add “" + story.headline + "” to Read more");
        add.addEventListener("click", () => {
          const pick = document.createElement("li");
          pick.dataset.id = story.id;
          pick.textContent = story.headline;
          picks.append(withRemove(pick));
          sync();
          li.remove();
        });
        li.append(document.createTextNode(story.headline + " "), add);
        return li;
      }));
    }, 200);
  });
}

// Lead image: the finder asks the image library as one types and shows its matches as choices,
// keeping "No lead image" and the one chosen. (Without JavaScript the finder reloads the page.)
function imageFinder(finder) {
  const input = finder.elements.images;
  const choices = document.querySelector(".image-choices");
  const status = document.getElementById("image-find-status");
  // Typing a search is not an edit of the story: no autosave, no warning before leaving.
  ["input", "change"].forEach(type => input.addEventListener(type, event => event.stopPropagation()));
  const choice = image => {
    const label = document.createElement("label");
    label.className = "image-choice";
    const radio = document.createElement("input");
    radio.type = "radio";
    radio.name = "leadImageId";
    radio.value = image.id;
    const img = document.createElement("img");
    img.src = image.thumb;
    img.alt = image.alt;
    img.width = 160;
    img.height = Math.round(image.height * 160 / Math.max(1, image.width));
    img.loading = "lazy";
    const words = document.createElement("span");
    words.textContent = image.caption || image.alt;
    label.append(radio, img, words);
    return label;
  };
  let timer, latest = 0;
  const find = async () => {
    const asked = ++latest;
    const q = input.value.trim();
    const response = await fetch("/desk/images/search?q=" + encodeURIComponent(q), {headers: {Accept: "application/json"}}).catch(() => null);
    if (asked !== latest) return; // a later search is on its way
    if (!response || !response.ok) {
      status.textContent = "The search failed; try again.";
      return;
    }
    const found = await response.json();
    const kept = [...choices.querySelectorAll(".image-choice")].filter(label => {
      const radio = label.querySelector("input");
      return radio.value === "" || radio.checked;
    });
    const keptIds = kept.map(label => label.querySelector("input").value);
    choices.replaceChildren(...kept, ...found.filter(image => !keptIds.includes(image.id)).map(choice));
    status.textContent = !q ? "The most recent images."
      : found.length ? found.length + (found.length === 1 ? " image matches" : " images match") + " “" + q + "”."
      : "No image matches “" + q + "”.";
  };
  finder.addEventListener("submit", event => {
    event.preventDefault();
    clearTimeout(timer);
    find();
  });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(find, 250);
  });
}

// Autosave: unpublished stories only (a published story changes in public when saved). Each autosave
// carries the version the form holds and moves it forward, so the writer's own saves never conflict.
function autosave(form, status, storyId) {
  const version = form.elements.version;
  const note = document.getElementById("autosave-status");
  // Saves a few seconds after typing stops, and at most every 15 seconds, so revisions stay readable.
  const QUIET = 3000, EVERY = 15000;
  let dirty = false, pending = null, stopped = false, timer, last = 0;
  const save = async () => {
    if (!dirty || stopped || pending) return;
    const wait = last + EVERY - Date.now();
    if (wait > 0) { clearTimeout(timer); timer = setTimeout(save, wait); return; }
    last = Date.now();
    dirty = false;
    const data = new FormData(form);
    data.delete("action");
    data.delete("leadImageFile");
    pending = fetch("/desk/stories/" + storyId + "/autosave", {method: "POST", body: data, headers: {Accept: "application/json"}})
      .then(async response => {
        const body = await response.json().catch(() => ({}));
        if (response.ok) {
          version.value = body.version;
          if (!dirty) form.dispatchEvent(new Event("autosaved"));
          note.textContent = body.saved ? "Saved automatically at " + body.time + "." : note.textContent;
        } else if (response.status === 403) {
          stopped = true;
          note.textContent = "Not saved: your session has ended. Sign in again in another tab, then press Save here; your text is kept.";
          note.classList.add("form-error");
        } else if (response.status === 409) {
          stopped = true;
          note.textContent = "Not saved: " + (body.error || "someone else saved this story.") +
            (body.changed && body.changed.length ? " Changed meanwhile: " + body.changed.join(", ") + "." : "") +
            " Your text is still here; copy what you need and reload.";
          note.classList.add("form-error");
        } else {
          dirty = true;
          note.textContent = "Not saved automatically: " + (body.error || "the server answered " + response.status) + ".";
        }
      })
      .catch(() => { dirty = true; note.textContent = "Not saved automatically: the desk cannot be reached."; })
      .finally(() => { pending = null; });
    await pending;
  };
  const changed = () => { dirty = true; clearTimeout(timer); timer = setTimeout(save, QUIET); };
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  // A manual save waits for an autosave in flight, then goes with the version it produced.
  form.addEventListener("submit", event => {
    clearTimeout(timer);
    if (pending) {
      event.preventDefault();
      const submitter = event.submitter;
      pending.then(() => form.requestSubmit(submitter));
    }
  });
}

function presence(storyId) {
  const list = document.getElementById("presence");
  const beat = async () => {
    const data = new FormData();
    data.append("_csrf", csrf());
    const response = await fetch("/desk/stories/" + storyId + "/presence", {method: "POST", body: data, headers: {Accept: "application/json"}}).catch(() => null);
    if (!response || !response.ok) return;
    const others = (await response.json()).others;
    list.textContent = others.length ? "Also open by " + others.join(", ") + "." : "";
  };
  setInterval(beat, 20000);
}

// Leaving the page with changes that are not saved asks first (browsers show their own wording).
function warnOnLeave(form) {
  let unsaved = false;
  form.addEventListener("input", () => { unsaved = true; });
  form.addEventListener("change", () => { unsaved = true; });
  form.addEventListener("submit", event => {
    if (!event.submitter || event.submitter.formTarget !== "_blank") unsaved = false; // a preview saves nothing
  });
  form.addEventListener("autosaved", () => { unsaved = false; });
  window.addEventListener("beforeunload", event => {
    if (unsaved) event.preventDefault();
  });
}

// Taking a story off the site is asked twice.
function confirmUnpublish(form) {
  form.addEventListener("submit", event => {
    if (event.submitter && event.submitter.value === "unpublish"
        && !window.confirm("Take this story off the site? Readers following a link to it will find it gone.")) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  });
}

// Ctrl+S (Cmd+S on a Mac) presses Save instead of opening the browser's "Save page" dialog.
function saveShortcut(form) {
  document.addEventListener("keydown", event => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === "s") {
      event.preventDefault();
      const save = form.querySelector('button[name="action"][value="save"]');
      if (save) form.requestSubmit(save);
    }
  });
}

// Headline and standfirst: their length against what search results and social cards show.
function meters(form) {
  form.querySelectorAll("[data-meter]").forEach(field => {
    const meter = document.getElementById(field.getAttribute("aria-describedby"));
    const limit = Number(field.dataset.meter);
    const shows = field.name === "headline" ? "search results show" : "search results and social cards show";
    const update = () => {
      const n = field.value.length;
      meter.textContent = n > limit ? n + " characters: " + shows + " about " + limit + ", so the end will be cut."
        : n + " characters; " + shows + " about " + limit + ".";
      meter.classList.toggle("over", n > limit);
    };
    field.addEventListener("input", update);
    update();
  });
}

// The search-result and social-card previews follow the headline, standfirst and lead image as they change.
function previews(form) {
  const site = document.querySelector(".story-previews");
  if (!site) return;
  const suffix = " | " + site.dataset.site;
  const show = () => {
    const headline = form.elements.headline.value.trim() || "Headline";
    site.querySelectorAll('[data-preview="headline"]').forEach(p => { p.textContent = headline + suffix; });
    site.querySelectorAll('[data-preview="standfirst"]').forEach(p => { p.textContent = form.elements.standfirst.value.trim(); });
  };
  const picture = site.querySelector(".card-image");
  const showImage = src => {
    picture.replaceChildren();
    if (src) {
      const img = document.createElement("img");
      img.src = src;
      img.alt = "";
      picture.append(img);
    } else {
      const none = document.createElement("span");
      none.textContent = "No lead image: the card shows none";
      picture.append(none);
    }
  };
  form.elements.headline.addEventListener("input", show);
  form.elements.standfirst.addEventListener("input", show);
  form.addEventListener("change", event => {
    const field = event.target;
    if (field.name === "leadImageId") {
      const img = field.closest("label").querySelector("img");
      showImage(img ? img.currentSrc || img.src : null);
    } else if (field.name === "leadImageFile" && field.files.length) {
      showImage(URL.createObjectURL(field.files[0]));
    }
  });
}

const form = document.querySelector("form.story-form");
if (form) {
  saveShortcut(form);
  meters(form);
  previews(form);
  confirmUnpublish(form);
  warnOnLeave(form);
  mountEditor(form.elements.bodyHtml);
  if (form.elements.tags) tagSuggestions(form.elements.tags);
  if (form.elements.relatedIds) relatedPicker(form.elements.relatedIds);
  const finder = document.getElementById("image-search");
  if (finder) imageFinder(finder);
  const storyId = form.dataset.story;
  if (storyId) {
    presence(storyId);
    if (form.dataset.autosave === "true") autosave(form, form.dataset.status, storyId);
  }
}

// Static pages (About, Contact …) are written with the same editor.
const pageForm = document.querySelector("form.page-form");
if (pageForm) {
  warnOnLeave(pageForm);
  mountEditor(pageForm.elements.bodyHtml);
}
