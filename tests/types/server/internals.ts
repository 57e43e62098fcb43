// The package's internals are neither exported nor declared: the glue's
// `Core` class, its initialisers, the restart hook, the JS layer's modules.

// @ts-expect-error: not exported
import { Core } from 'rolegate';
// @ts-expect-error: not exported
import { initSync } from 'rolegate';
// @ts-expect-error: not exported
import { __rolegate_restart } from 'rolegate';
// @ts-expect-error: not exported
import { _setSlot } from 'rolegate';
// @ts-expect-error: no default export (the glue's `start`)
import start from 'rolegate';
// @ts-expect-error: not exported
import { start as start2 } from 'rolegate';
// @ts-expect-error: not exported
import type { Core as CoreType } from 'rolegate';
// @ts-expect-error: not exported
import { Core as ClientCore } from 'rolegate/client';
// @ts-expect-error: not exported
import { initSync as clientInitSync } from 'rolegate/client';
// @ts-expect-error: not exported
import { instance } from 'rolegate/client';
// @ts-expect-error: the glue is not an entry of the package
import { Core as GlueCore } from 'rolegate/rolegate.js';
// @ts-expect-error: the JS layer's modules are not entries either
import { instance as gateInstance } from 'rolegate/gate.js';
// @ts-expect-error: nor the declarations of the Rust types
import type { Snapshot } from 'rolegate/types.js';

export type Unused = [typeof Core, typeof initSync, typeof __rolegate_restart, typeof _setSlot, typeof start, typeof start2, CoreType,
  typeof ClientCore, typeof clientInitSync, typeof instance, typeof GlueCore, typeof gateInstance, Snapshot];
