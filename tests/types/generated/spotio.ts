// The ids of the model of www/orgs/spotio.json, written by `rolegate types`: do not edit, regenerate.
// Rolegate.load<RolegateIds>(snapshot), loadSlice<RolegateIds>(bytes).

/** A permission of the model. */
export type Permission =
  | 'statuses.manage' // Edit, delete and change custom statuses
  | 'fields.manage' // Edit, delete and change custom fields
  | 'data.import' // Import an outside CSV file into the company account
  | 'reports.share' // Share reports (export a report to CSV)
  | 'users.manage' // Add, edit and remove users in the hierarchy
  | 'hierarchy.edit' // Let users report to them (build the hierarchy)
  | 'territories.manage' // Add, edit and delete territories
  | 'pins.view' // View PINs
  | 'pins.edit'; // Edit and update PINs

/** A role of the model. */
export type Role =
  | 'administrator'; // Administrator

/** The ids to type decisions with: `Rolegate.load<RolegateIds>(snapshot)`. */
export interface RolegateIds {
  permission: Permission;
  role: Role;
  user: string;
}
