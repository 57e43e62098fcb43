// What each sample product's API guards with which permission of its model.
// rolegate knows permissions, not routes: which permission a route asks
// for is the app's code, as it is here (one entry per sample org of
// www/orgs/, the records are what that product lists).
//
//   view   GET  /api/records        lists the records the user may view (a filter)
//   edit   PATCH /api/records/:id   edits a record's note (the full engine decides)
//   admin  /admin/*                 changes users' roles (and `canAssign` decides each role)

/**
 * @typedef {object} App
 * @property {string} records   what the records are, for people
 * @property {string} view      record-scoped permission of the list
 * @property {string} edit      record-scoped permission of the mutating call
 * @property {string} editLabel the mutating call's button
 * @property {string} admin     permission of the admin endpoints (checked on the target user as the record when record-scoped)
 * @property {string[]} titles  words for the seeded records' titles
 * @property {Record<string, string[]>} [attributes] values of the record attributes the model's conditions read
 */

/** @type {Record<string, App>} */
export const APPS = {
  jiminny: {
    records: 'Calls',
    view: 'calls.listen',
    edit: 'calls.coach',
    editLabel: 'Coach',
    admin: 'users.manage', // the model's assignPermission
    titles: ['Discovery call', 'Product demo', 'Renewal call', 'Pricing call', 'Onboarding call'],
  },
  jrni: {
    records: 'Bookings',
    view: 'calendar.view',
    edit: 'bookings.move',
    editLabel: 'Reschedule',
    admin: 'users.create', // the model's assignPermission
    titles: ['Physio session', 'Sports massage', 'Assessment', 'Follow-up visit'],
    // The restrictions compare a booking's staff member and group with the user's.
    attributes: { staff: ['st_jack', 'st_oscar', 'st_locum'], staffGroup: ['physio', 'massage', 'sports'] },
  },
  modjo: {
    records: 'Appels',
    view: 'calls.view',
    edit: 'calls.transcripts',
    editLabel: 'Annoter',
    admin: 'roles.manage',
    titles: ['Découverte', 'Démo produit', 'Renouvellement', 'Négociation'],
  },
  spotio: {
    records: 'PINs',
    view: 'pins.view',
    edit: 'pins.edit',
    editLabel: 'Update',
    admin: 'users.manage', // the Can Manage Users toggle
    titles: ['Door knock', 'Follow-up visit', 'Estimate', 'Signed contract'],
  },
};

/**
 * The app of an org: its entry above, checked against the org's model so
 * that a renamed permission fails at startup rather than denying quietly.
 * @param {string} orgId
 * @param {{ permissions: { id: string, record?: boolean }[] }} model
 * @returns {App}
 */
export function appOf(orgId, model) {
  const app = APPS[orgId];
  if (!app) throw new Error(`org ${orgId}: no entry in src/apps.js says which permissions its routes need`);
  const byId = new Map(model.permissions.map((p) => [p.id, p]));
  for (const [what, id] of [['view', app.view], ['edit', app.edit], ['admin', app.admin]]) {
    if (!byId.has(id)) throw new Error(`org ${orgId}: ${what} permission \`${id}\` is not in the model`);
  }
  for (const [what, id] of [['view', app.view], ['edit', app.edit]]) {
    if (!byId.get(id).record) throw new Error(`org ${orgId}: ${what} permission \`${id}\` is not record-scoped`);
  }
  return app;
}
