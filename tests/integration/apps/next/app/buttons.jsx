// The fixture's buttons for a user handle (a UserGate on the server, in the
// browser once loaded; none while loading: fail closed).
import cases from '../cases.json';

export function Buttons({ me }) {
  if (!me) return null;
  return Object.entries(cases.buttons).map(([id, b]) => {
    const allowed = me.can(b.permission, b.context);
    if (!allowed && b.mode !== 'disable') return null;
    const title = allowed ? undefined : me.explain(b.permission, b.context).message;
    return (
      <button key={id} id={id} disabled={!allowed} title={title}>
        {id}
      </button>
    );
  });
}
