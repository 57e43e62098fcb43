// `rolegate/dom`: gates the elements of a page for the signed-in user.
import type { Context, Explanation } from './types.js';

/** What `applyGates` asks of a user: a `UserGate` or a `ClientGate`. */
export interface GateUser {
  // `any`: a handle typed with the app's ids and records (`UserGate<Ids, R>`) gates too.
  can(permission: string, context?: any): boolean;
  explain(permission: string, context?: any): Explanation;
}

export interface GateOptions {
  /** What to do with a denied element without `data-can-mode` (default `hide`). */
  mode?: 'hide' | 'disable' | undefined;
  /** The context of elements that give none of their own (`data-can-unit` and friends). */
  context?: Context | undefined;
  /** Also gate elements added or changed later (a `MutationObserver`), until `stop()`. */
  observe?: boolean | undefined;
}

export interface GateCounts {
  /** Elements left usable. */
  allowed: number;
  /** Elements hidden. */
  hidden: number;
  /** Elements disabled, each with the reason as its title. */
  disabled: number;
}

/** What `applyGates` returns: its counts, and how to gate again or stop observing. */
export interface GateHandle extends GateCounts {
  /** Gates every element again (another user, another context). */
  update(user?: GateUser, options?: GateOptions): GateHandle;
  /** Stops gating elements added later (`observe`). */
  stop(): void;
}

/**
 * Hides or disables every element under `root` marked `data-can="permission"`
 * that `user` may not use, and marks each gated one with `data-can-state`
 * (`allowed`, `hidden`, `disabled`). Per element: `data-can-mode`, and a
 * context from `data-can-unit`, `data-can-team`, `data-can-owner`,
 * `data-can-record-team`, `data-can-record-unit`, `data-can-attributes`.
 */
export declare function applyGates(root: ParentNode, user: GateUser, options?: GateOptions): GateHandle;

/** The CSS that hides every `[data-can]` element until it is gated (also `rolegate/dom.css`). */
export declare const FAIL_CLOSED_CSS: string;

/** Adds `FAIL_CLOSED_CSS` to a document (once). */
export declare function installFailClosedStyle(doc: Document): void;
