// The ids of the model of www/orgs/modjo.json, written by `rolegate types`: do not edit, regenerate.
// Rolegate.load<RolegateIds>(snapshot), loadSlice<RolegateIds>(bytes).

/** A permission of the model. */
export type Permission =
  | 'calls.record' // Enregistrer ses propres appels et réunions
  | 'calls.view' // Consulter les appels
  | 'calls.transcripts' // Accéder aux transcriptions et à l'analyse IA des appels
  | 'app.search' // Recherche
  | 'app.library' // Bibliothèque
  | 'app.home' // Accueil
  | 'integrations.own.view' // Voir ses propres intégrations (Mon profil)
  | 'integrations.manage' // Gérer les intégrations de l'organisation (Salesforce, HubSpot, Google...)
  | 'integrations.link_members' // Lier les membres de l'équipe aux outils externes (CRM, calendriers)
  | 'features.toggle' // Activer ou désactiver des fonctionnalités pour les utilisateurs
  | 'templates.manage' // Créer ou modifier des templates
  | 'scoring.visibility' // Gérer la visibilité du scoring IA pour les Users
  | 'users.invite' // Créer et inviter des utilisateurs
  | 'restrictions.team.manage' // Gérer la restriction d'accès aux appels d'une équipe
  | 'team.settings.view' // Voir les paramètres de l'équipe
  | 'subscription.manage' // Gérer l'abonnement et ajouter des licences
  | 'restrictions.global.manage' // Activer ou désactiver la restriction d'accès aux appels au niveau global
  | 'integrations.all.view' // Voir les intégrations de tous les utilisateurs
  | 'settings.organisation' // Accéder à tous les paramètres de l'organisation
  | 'roles.manage'; // Gérer les rôles de tous les utilisateurs

/** A role of the model. */
export type Role =
  | 'user' // Utilisateur
  | 'manager' // Manager
  | 'admin'; // Admin

/** The ids to type decisions with: `Rolegate.load<RolegateIds>(snapshot)`. */
export interface RolegateIds {
  permission: Permission;
  role: Role;
  user: string;
}
