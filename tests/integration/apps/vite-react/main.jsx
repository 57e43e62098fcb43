// A Vite React app gated with rolegate/react: the provider gets a promise of
// the signed-in user's handle (closed until it resolves), `<Can>` hides or
// disables each button.
import { StrictMode, useMemo } from 'react';
import { createRoot } from 'react-dom/client';
import { init, Rolegate } from 'rolegate';
import { RolegateProvider, Can, useRolegate } from 'rolegate/react';

const user = new URLSearchParams(location.search).get('user') ?? 'ann';

async function signIn() {
  await init();
  const snapshot = await (await fetch('/org.json')).json();
  return Rolegate.load(snapshot).user(user);
}

function Ready() {
  const { ready, error } = useRolegate();
  return <span id="state" data-ready={ready ? '' : undefined} data-error={error ? String(error) : undefined} />;
}

function App() {
  const me = useMemo(signIn, []);
  return (
    <RolegateProvider user={me}>
      <h1>Signed in as {user}</h1>
      <Can permission="reports.view"><button id="reports">Reports</button></Can>
      <Can permission="billing.manage"><button id="billing">Billing</button></Can>
      <Can permission="users.manage" mode="disable"><button id="users">Manage users</button></Can>
      <Can permission="calls.record"><button id="record">Record a call</button></Can>
      <Can permission="calls.view" context={{ record: { owner: 'bob' } }}><button id="call-bob">Bob's call</button></Can>
      <Can permission="calls.view" context={{ record: { owner: 'dan' } }} mode="disable"><button id="call-dan">Dan's call</button></Can>
      <Can permission="calls.view" context={{ record: { owner: 'bob', attributes: { private: true } } }} mode="disable">
        <button id="call-bob-private">Bob's private call</button>
      </Can>
      <Ready />
    </RolegateProvider>
  );
}

createRoot(document.getElementById('root')).render(<StrictMode><App /></StrictMode>);
