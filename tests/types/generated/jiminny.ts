// The ids of the model of www/orgs/jiminny.json, written by `rolegate types`: do not edit, regenerate.
// Rolegate.load<RolegateIds>(snapshot), loadSlice<RolegateIds>(bytes).

/** A permission of the model. */
export type Permission =
  | 'calls.record' // Record and stream calls into Jiminny
  | 'calls.crm_log' // Log recorded calls to the CRM
  | 'calls.listen' // Listen back to calls
  | 'calls.coach' // Coach on calls (comments and scorecards)
  | 'voice.dial' // Dial with Jiminny Voice
  | 'reports.view' // Team reports
  | 'ondemand.view' // OnDemand library
  | 'users.invite' // Invite users (Settings > Organisation > Users > Invite User)
  | 'users.manage' // Manage users and their roles
  | 'team.setup' // Custom setup of a team
  | 'settings.organisation' // Organisation settings and configuration
  | 'settings.crm' // Set up the CRM integration
  | 'licences.view' // See paid licences used (Settings > Organisation > Users)
  | 'billing.manage'; // Billing: invoices and billing settings

/** A role of the model. */
export type Role =
  | 'account_owner' // Account Owner
  | 'admin' // Admin
  | 'manager' // Manager
  | 'recorder' // Recorder
  | 'insights' // Insights
  | 'voice'; // Voice

/** The ids to type decisions with: `Rolegate.load<RolegateIds>(snapshot)`. */
export interface RolegateIds {
  permission: Permission;
  role: Role;
  user: string;
}
