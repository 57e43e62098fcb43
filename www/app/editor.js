// "Your snapshot": paste or upload a snapshot; a bad one lists every problem
// with its JSON path and the page keeps the organisation it had. "Preview
// the change" shows who gains and loses what against the loaded organisation
// (`Rolegate.diff`) before it is loaded.

import { esc, rich } from './html.js';

/** A snapshot that breaks three of Jiminny's rules at once. */
async function brokenExample() {
  const res = await fetch('orgs/jiminny.json');
  const s = await res.json();
  const user = (id) => s.org.users.find((u) => u.id === id);
  user('marcus').roles.push({ role: 'account_owner' }); // a second owner, without CRM admin access
  user('hannah').roles.push({ role: 'voice' }); // Voice without Recorder
  s.org.name = 'Northwind Analytics (broken copy)';
  return s;
}

export class Editor {
  constructor(root, { current, load }) {
    this.root = root;
    this.current = current;
    this.load = load;
    this.lib = null;
    this.built = false;
  }

  build() {
    this.root.innerHTML = `
      <div class="card-head">
        <h2 class="card-title">Load your own snapshot</h2>
        <span class="muted small">JSON <code>{ "model": …, "org": … }</code>, checked by the engine as it loads</span>
      </div>
      <textarea id="snapshot-text" class="snapshot-text" spellcheck="false" autocomplete="off" aria-label="Snapshot JSON"
        placeholder='{ "model": { "permissions": [...], "roles": [...] }, "org": { "users": [...] } }'></textarea>
      <div class="editor-actions">
        <button type="button" class="btn btn-primary" id="load-snapshot">Load snapshot</button>
        <button type="button" class="btn" id="preview-snapshot">Preview the change</button>
        <label class="btn btn-quiet file-btn">Upload .json<input type="file" id="snapshot-file" accept=".json,application/json"></label>
        <button type="button" class="btn btn-quiet" id="use-current">Start from the current organisation</button>
        <button type="button" class="btn btn-quiet" id="use-broken">Try a broken one</button>
      </div>
      <div id="snapshot-result" aria-live="polite"></div>`;
    const text = this.root.querySelector('#snapshot-text');
    this.root.querySelector('#load-snapshot').addEventListener('click', () => this.submit(text.value));
    this.root.querySelector('#preview-snapshot').addEventListener('click', () => this.preview(text.value));
    this.root.querySelector('#use-current').addEventListener('click', () => {
      text.value = JSON.stringify(this.current(), null, 2);
      this.result('');
    });
    this.root.querySelector('#use-broken').addEventListener('click', async () => {
      this.result('');
      text.value = JSON.stringify(await brokenExample(), null, 2);
      this.submit(text.value);
    });
    this.root.querySelector('#snapshot-file').addEventListener('change', async (e) => {
      const file = e.target.files?.[0];
      if (!file) return;
      text.value = await file.text();
      e.target.value = '';
      this.submit(text.value);
    });
    this.built = true;
  }

  show() {
    if (!this.built) this.build();
  }

  result(html) {
    this.root.querySelector('#snapshot-result').innerHTML = html;
  }

  /**
   * Change impact: who gains and loses what if the text replaced the loaded
   * organisation (`Rolegate.diff`), before anything is applied.
   */
  preview(text) {
    const { Rolegate } = this.lib;
    let diff;
    try {
      diff = Rolegate.diff(this.current(), JSON.parse(text));
    } catch (err) {
      const problems = Array.isArray(err?.problems) ? err.problems : [{ path: '$', message: String(err?.message ?? err) }];
      this.result(`<div class="problems" role="alert" data-problems="${problems.length}">
        <p class="problems-title"><strong>${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}</strong>: nothing to compare; the organisation below is unchanged.</p>
        <ol class="problems-list">${problems.map((p) => `<li><code class="path">${esc(p.path)}</code><span>${rich(p.message)}</span></li>`).join('')}</ol>
      </div>`);
      return;
    }
    if (diff.summary.length === 0) {
      this.result('<div class="impact" role="status" data-changes="0"><strong>No decision changes</strong> for anyone: loading it would change nothing anyone may do.</div>');
      return;
    }
    const people = diff.users.length;
    this.result(`<div class="impact" role="status" data-changes="${diff.summary.length}">
      <p><strong>Change impact</strong>: ${people} ${people === 1 ? 'person is' : 'people are'} affected. Nothing is applied until you load it.</p>
      <ul class="impact-list">${diff.summary.map((l) => `<li data-change="${esc(l.change)}">${esc(l.message)}</li>`).join('')}</ul>
    </div>`);
  }

  /** Validates and loads the text; lists every problem when it is bad. */
  submit(text) {
    const { Rolegate } = this.lib;
    let problems = null;
    try {
      // Compile once to validate the text as JSON text (syntax errors get a path too).
      const probe = Rolegate.fromJson(text);
      probe.free?.();
    } catch (err) {
      problems = Array.isArray(err?.problems) ? err.problems : [{ path: '$', message: String(err?.message ?? err) }];
    }
    if (!problems) {
      try {
        this.load(JSON.parse(text));
      } catch (err) {
        problems = Array.isArray(err?.problems) ? err.problems : [{ path: '$', message: String(err?.message ?? err) }];
      }
    }
    if (problems) {
      this.result(`<div class="problems" role="alert" data-problems="${problems.length}">
        <p class="problems-title"><strong>${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}</strong>: the snapshot was not loaded; the organisation below is unchanged.</p>
        <ol class="problems-list">${problems.map((p) => `<li><code class="path">${esc(p.path)}</code><span>${rich(p.message)}</span></li>`).join('')}</ol>
      </div>`);
      return;
    }
    const snap = this.current();
    this.result(`<div class="loaded" role="status"><strong>Loaded “${esc(snap.org?.name ?? 'your organisation')}”</strong>: ${snap.org?.users?.length ?? 0} people, ${snap.model?.permissions?.length ?? 0} permissions, ${snap.model?.roles?.length ?? 0} roles. Sign in as anyone on the left.</div>`);
  }
}
