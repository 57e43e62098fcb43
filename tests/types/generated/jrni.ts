// The ids of the model of www/orgs/jrni.json, written by `rolegate types`: do not edit, regenerate.
// Rolegate.load<RolegateIds>(snapshot), loadSlice<RolegateIds>(bytes).

/** A permission of the model. */
export type Permission =
  | 'customers.manage' // Customer management
  | 'bookings.manage' // Booking management
  | 'checkin.manage' // Check-in management
  | 'resources.manage' // Resource management
  | 'services.view' // View Services
  | 'services.edit' // Edit services
  | 'staff.view' // View Staff
  | 'staff.edit_what_where' // Edit Staff (what & where)
  | 'schedules.edit' // Edit schedules
  | 'events.manage' // Event management
  | 'integrations.manage' // Integration management
  | 'menu.home' // Home menu
  | 'menu.your_business' // Your Business menu
  | 'tab.calendar' // Calendar tab
  | 'tab.agenda' // Agenda tab
  | 'tab.check_in' // Check in tab
  | 'tab.customers' // Customers tab (create and view)
  | 'tab.services' // Services tab
  | 'tab.staff' // Staff tab
  | 'categories.manage' // Create, edit or delete categories
  | 'menu.business' // Business tab (company information)
  | 'menu.basic_settings' // Basic Settings (notifications, pricing, ...)
  | 'menu.advanced_settings' // Advanced Settings (API, integrations, payments, ...)
  | 'page.call_center' // Call Center page
  | 'calendar.view' // See a staff member's calendar
  | 'bookings.search' // Search bookings
  | 'bookings.create' // Make a booking
  | 'bookings.move' // Move a booking
  | 'bookings.cancel' // Cancel a booking
  | 'users.create'; // Create and manage users (Manage Users)

/** A role of the model. */
export type Role =
  | 'owner' // Owner
  | 'administrator' // Administrator
  | 'user' // User
  | 'user_plus' // User Plus
  | 'manager' // Manager
  | 'call_center'; // Call Center

/** The ids to type decisions with: `Rolegate.load<RolegateIds>(snapshot)`. */
export interface RolegateIds {
  permission: Permission;
  role: Role;
  user: string;
}
