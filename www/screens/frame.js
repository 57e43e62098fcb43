// The mock application window every product screen is drawn in.

import { esc, avatar, icon } from '../app/html.js';

/**
 * A browser-like window: address bar, the product's top bar (logo, menus,
 * right-hand tools, the signed-in user) and its body.
 */
export function frame({ host, logo, nav = '', tools = '', ctx, body }) {
  const name = ctx.me?.name ?? ctx.userId ?? '';
  return `
    <div class="app-frame">
      <div class="app-chrome" aria-hidden="true">
        <span class="dots"><i></i><i></i><i></i></span>
        <span class="url">${icon('lock')}<span>${esc(host)}</span></span>
      </div>
      <div class="app-bar">
        <span class="app-logo">${logo}</span>
        <nav class="app-nav" aria-label="Product menu">${nav}</nav>
        <div class="app-tools">${tools}<span class="app-user">${avatar(name, 'avatar-sm')}<span class="app-user-name">${esc(name)}</span></span></div>
      </div>
      <div class="app-body">${body}</div>
    </div>`;
}

/** A top-bar menu item. */
export function navItem(label, attrs, iconName) {
  return `<button type="button" class="nav-item" ${attrs}>${iconName ? icon(iconName) : ''}<span>${esc(label)}</span></button>`;
}

/** A product button. */
export function button(label, attrs, { iconName, kind = '' } = {}) {
  return `<button type="button" class="pbtn ${kind}" ${attrs}>${iconName ? icon(iconName) : ''}<span>${esc(label)}</span></button>`;
}

/** A card inside the product body. */
export function panel(title, body, { extra = '', cls = '' } = {}) {
  return `<section class="ppanel ${cls}"><header class="ppanel-head"><h3>${title}</h3>${extra}</header>${body}</section>`;
}
