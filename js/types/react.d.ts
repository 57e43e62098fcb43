// `rolegate/react`: the signed-in user's decisions in a React tree, from a
// `UserGate` (`gate.user(id)`) or a `ClientGate` (`loadSlice(bytes)`). Fails
// closed: until there is a handle, every check denies.
import type { ReactElement, ReactNode } from 'react';
import type { Context, Explanation } from './types.js';
import type { ExplainOptions, Ids, PermissionOf, Prepared, UserGate } from './common.js';

/** What the binding asks of a user's handle: a `UserGate` or a `ClientGate` (or anything that answers the same). */
export type RolegateUser = Pick<UserGate, 'id' | 'can' | 'explain' | 'permissions'>;

/** What the provider asks of a gate: a `Rolegate`. */
export interface RolegateLike {
  user(id: string): RolegateUser;
}

/** What `useExplain` answers while there is no handle yet: a promise pending, none given, a server render without one. */
export interface LoadingExplanation {
  allowed: false;
  code: 'loading';
  /** `permissions are loading`. */
  message: string;
}

/** What `useExplain` answers when there will be no handle: its promise rejected, or it threw (freed). */
export interface UnavailableExplanation {
  allowed: false;
  code: 'unavailable';
  /** `permissions are unavailable`. */
  message: string;
}

/** What `useExplain` answers while there is no handle to ask (one interface per code, so that checks of `code` narrow). */
export type ClosedExplanation = LoadingExplanation | UnavailableExplanation;

/** Why a closed provider denies. */
export type ClosedCode = ClosedExplanation['code'];

/** What `useExplain` answers: the handle's explanation, or the closed one. */
export type GateExplanation = Explanation | ClosedExplanation;

/** What the provider gives its tree (`useRolegate()`). */
export interface RolegateState {
  /** The handle decisions come from; `null` while closed. */
  readonly user: RolegateUser | null;
  /** Whether there is one. */
  readonly ready: boolean;
  /** Why there is none, when loading it failed (the promise's rejection); else `undefined`. */
  readonly error: unknown;
}

interface ProviderChildren {
  children?: ReactNode | undefined;
}

/** A provider given the user's handle, or a promise of it. */
export interface UserProviderProps extends ProviderChildren {
  /** `gate.user(id)`, `await loadSlice(bytes)`, or a promise of one (closed until it resolves). `null`: closed. */
  user: RolegateUser | PromiseLike<RolegateUser | null | undefined> | null | undefined;
  gate?: undefined;
  userId?: undefined;
}

/** A provider given a gate and the user's id: it makes the handle (and leaves it to the garbage collector). */
export interface GateProviderProps extends ProviderChildren {
  /** A `Rolegate`; `null`: closed. */
  gate: RolegateLike | null | undefined;
  /** The signed-in user; `null`: closed. */
  userId: string | null | undefined;
  user?: undefined;
}

export type RolegateProviderProps = UserProviderProps | GateProviderProps;

/**
 * Gives its tree the decisions of one user. Until there is a handle,
 * everything below denies: while a promise is pending (code `loading`),
 * after it rejects (code `unavailable`, the error in `useRolegate().error`)
 * and on the server, where only a ready handle given there is used. A new
 * `user`, `gate` or `userId` (another user, a snapshot or slice loaded
 * again) re-renders every consumer; a new promise closes them until it
 * settles (keep it the same object across renders). It never frees what it
 * is given.
 */
export declare function RolegateProvider(props: RolegateProviderProps): ReactElement;

/** The provider's state: the handle (`null` while closed), whether it is there, and the error when loading it failed. */
export declare function useRolegate(): RolegateState;

/** May the signed-in user do `permission` (in `context`)? `false` while closed, and outside any provider. */
export declare function useCan<T extends Ids = Ids>(permission: PermissionOf<T>, context?: Context | Prepared | null): boolean;

/** The decision with its reason, as the handle's `explain`; while closed, a `ClosedExplanation`. */
export declare function useExplain<T extends Ids = Ids>(
  permission: PermissionOf<T>,
  context?: Context | Prepared | null,
  options?: ExplainOptions,
): GateExplanation;

/** The props of `<Can>`. */
export interface CanProps<T extends Ids = Ids> {
  permission: PermissionOf<T>;
  context?: Context | Prepared | null | undefined;
  /**
   * `hide` (default): `fallback` instead of the children when denied.
   * `disable`: the children always, each element given `disabled`,
   * `aria-disabled="true"`, the reason as `title` and
   * `data-can-state="disabled"` when denied.
   */
  mode?: 'hide' | 'disable' | undefined;
  /** What `hide` renders when denied (default: nothing). */
  fallback?: ReactNode | undefined;
  /** What is gated, or a function of the decision (then `mode` and `fallback` do not apply). */
  children?: ReactNode | ((allowed: boolean, explanation: GateExplanation) => ReactNode) | undefined;
}

/** Gates its children on `permission`: hidden (`fallback` instead) or disabled with the reason as their title when denied. */
export declare function Can<T extends Ids = Ids>(props: CanProps<T>): ReactNode;
