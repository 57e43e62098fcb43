// The mock product screens, one per sample model, and a generic one for any
// other snapshot.

import jiminny from './jiminny.js';
import jrni from './jrni.js';
import spotio from './spotio.js';
import modjo from './modjo.js';
import generic from './generic.js';

const SCREENS = [jiminny, jrni, spotio, modjo];

/** The screen for a loaded snapshot, by its model's name. */
export function screenFor(view) {
  return SCREENS.find((s) => s.matches(view)) ?? generic;
}
