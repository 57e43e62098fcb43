'use client';
// A client component, also rendered on the server: there it has no user
// handle yet, so rolegate/react renders no gated button (fail closed); in the
// browser the wasm starts, the org loads and the buttons are gated.
import { useMemo } from 'react';
import { init, Rolegate } from 'rolegate';
import { RolegateProvider, Can, useRolegate } from 'rolegate/react';
import cases from '../../cases.json';

async function signIn() {
  await init();
  const snapshot = await (await fetch('/org.json')).json();
  const user = new URLSearchParams(location.search).get('user') ?? 'ann';
  return Rolegate.load(snapshot).user(user);
}

function State() {
  const { user, ready, error } = useRolegate();
  return (
    <h1 data-ready={ready ? '' : undefined} data-error={error ? String(error) : undefined}>
      Signed in as {user?.id ?? '...'}
    </h1>
  );
}

export default function ClientPage() {
  // On the server there is no user: the promise is made in the browser only.
  const me = useMemo(() => (typeof window === 'undefined' ? null : signIn()), []);
  return (
    <RolegateProvider user={me}>
      <State />
      {Object.entries(cases.buttons).map(([id, b]) => (
        <Can key={id} permission={b.permission} context={b.context} mode={b.mode ?? 'hide'}>
          <button id={id}>{id}</button>
        </Can>
      ))}
    </RolegateProvider>
  );
}
