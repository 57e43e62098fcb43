//! The catalogue: every message of the engine, one line each, by its stable
//! id, with its English and French templates. Placeholders are `{name}`;
//! the French ones have the same. `README.md` ("Messages") lists the ids.
//!
//! French typography: `« »` around a permission's label where it is the
//! subject of a sentence, a plain space before `:`, `;` and `?`.

use super::Locale;

/// Declares [`Msg`], its ids and its templates.
macro_rules! catalogue {
    (
        $($name:ident $id:literal en $en:literal fr $fr:literal;)*
        @full_engine_only
        $($fname:ident $fid:literal en $fen:literal fr $ffr:literal;)*
    ) => {
        /// A message of the catalogue.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(crate) enum Msg {
            $($name,)*
            $($fname,)*
        }

        impl Msg {
            /// Every message, in catalogue order.
            pub(crate) const ALL: &'static [Msg] = &[$(Msg::$name,)* $(Msg::$fname),*];

            /// Its stable id, as `model.messages` names it.
            #[cfg_attr(rolegate_size, optimize(size))]
            pub(crate) fn id(self) -> &'static str {
                match self {
                    $(Msg::$name => $id,)*
                    $(Msg::$fname => $fid,)*
                }
            }

            /// Its built-in template in locale `l` (the client build, which
            /// neither validates nor assigns, has no templates of those).
            #[cfg_attr(rolegate_size, optimize(size))]
            pub(crate) fn builtin(self, l: Locale) -> &'static str {
                let full = !cfg!(feature = "client");
                match l {
                    Locale::En => match self {
                        $(Msg::$name => $en,)*
                        $(Msg::$fname => if full { $fen } else { "" },)*
                    },
                    Locale::Fr => match self {
                        $(Msg::$name => $fr,)*
                        $(Msg::$fname => if full { $ffr } else { "" },)*
                    },
                }
            }

            /// The message of an id.
            #[cfg_attr(rolegate_size, optimize(size))]
            pub(crate) fn of_id(id: &str) -> Option<Msg> {
                Msg::ALL.iter().copied().find(|m| m.id() == id)
            }
        }
    };
}

catalogue! {
    // --- Explanations (`explain`, `canAssign`) ---
    AllowedByRole "allowed_by_role"
        en "allowed by the {role} role{where}"
        fr "autorisé par le rôle {role}{where}";
    AllowedByToggle "allowed_by_toggle"
        en "allowed by the {toggle} permission"
        fr "autorisé par la permission {toggle}";
    AllowedDirectly "allowed_directly"
        en "allowed: {permission} is granted to this user directly"
        fr "autorisé : « {permission} » est accordé directement à cet utilisateur";
    AtUnit "at_unit"
        en " at {unit}"
        fr " à {unit}";
    ForTeam "for_team"
        en " for team {team}"
        fr " pour l'équipe {team}";
    OnRecordsThere "on_records_there"
        en "on records there only"
        fr "sur les éléments de ce lieu seulement";
    OnScopeOnly "on_scope_only"
        en "on {scope} only"
        fr "sur {scope} seulement";
    WhenBecause "when_because"
        en "when {because}"
        fr "si {because}";
    UnderRecordCondition "under_record_condition"
        en "under a condition on the record"
        fr "sous une condition sur l'élément";
    OnSomeRecords "on_some_records"
        en "on some records only"
        fr "sur certains éléments seulement";
    OutOfScope "out_of_scope"
        en "out of scope: {permission} is allowed on {scope} only"
        fr "hors périmètre : « {permission} » n'est autorisé que sur {scope}";
    ConditionBecause "condition_because"
        en "{permission} is allowed only when {because}"
        fr "« {permission} » n'est autorisé que si {because}";
    ConditionFailed "condition_failed"
        en "{permission} is allowed only under a condition that does not hold here"
        fr "« {permission} » n'est autorisé que sous une condition qui n'est pas remplie ici";
    Restricted "restricted"
        en "restricted: {reason}"
        fr "restreint : {reason}";
    NeedsSeatRole "needs_seat_role"
        en "needs the {role} role (paid seat)"
        fr "nécessite le rôle {role} (licence payante)";
    NeedsSeat "needs_seat"
        en "needs a {seat} (paid seat)"
        fr "nécessite une licence payante : {seat}";
    PlanLacksFeature "plan_lacks_feature"
        en "the {plan} plan does not include {feature}"
        fr "l'offre {plan} n'inclut pas {feature}";
    ComesWithRole "comes_with_role"
        en "{permission} comes with your {role} role, which applies{where} only"
        fr "« {permission} » vient avec votre rôle {role}, qui s'applique{where} seulement";
    Needs "needs"
        en "needs {options}"
        fr "nécessite {options}";
    TheRoles "the_roles"
        en "the {roles} role"
        fr "le rôle {roles}";
    TheToggle "the_toggle"
        en "the {toggle} permission"
        fr "la permission {toggle}";
    GrantedOnlyDirectly "granted_only_directly"
        en "{permission} is granted only to individual users directly"
        fr "« {permission} » n'est accordé directement qu'à certains utilisateurs";
    NothingGrants "nothing_grants"
        en "nothing grants {permission}"
        fr "rien n'accorde « {permission} »";
    ScopeOwn "scope_own"
        en "your own records"
        fr "vos propres éléments";
    ScopeSubordinates "scope_subordinates"
        en "records of people who report to you"
        fr "les éléments des personnes qui vous sont rattachées";
    ScopePeers "scope_peers"
        en "records of your peers"
        fr "les éléments de vos pairs";
    ScopeManager "scope_manager"
        en "records of your manager"
        fr "les éléments de votre manager";
    ScopeTeam "scope_team"
        en "records of your teams"
        fr "les éléments de vos équipes";
    ScopeManagedTeams "scope_managed_teams"
        en "records of the teams you manage"
        fr "les éléments des équipes que vous gérez";
    ScopeListedTeam "scope_listed_team"
        en "records of team {team}"
        fr "les éléments de l'équipe {team}";
    ScopeNone "scope_none"
        en "no records"
        fr "aucun élément";
    UnknownContext "unknown_context"
        en "the context names something unknown"
        fr "le contexte nomme quelque chose d'inconnu";
    Escalation "escalation"
        en "cannot assign {role}: it grants {permission}, which you do not hold"
        fr "impossible d'attribuer le rôle {role} : il accorde « {permission} », que vous n'avez pas";
    CannotAssign "cannot_assign"
        en "cannot assign {role}: {reason}"
        fr "impossible d'attribuer le rôle {role} : {reason}";
    CannotReplace "cannot_replace"
        en "cannot replace the {role} role: {reason}"
        fr "impossible de remplacer le rôle {role} : {reason}";
    InPlaceOf "in_place_of"
        en " (in place of the {role} role)"
        fr " (à la place du rôle {role})";
    NobodyMayAssign "nobody_may_assign"
        en "nobody may assign the {role} role"
        fr "personne ne peut attribuer le rôle {role}";
    OnlyMayAssign "only_may_assign"
        en "only {roles} may assign the {role} role"
        fr "le rôle {role} ne peut être attribué que par : {roles}";
    InvitedUser "invited_user"
        en "the invited user"
        fr "l'utilisateur invité";

    // --- Lists, counts, names ---
    ListOr "list_or"
        en "{rest} or {last}"
        fr "{rest} ou {last}";
    ListAnd "list_and"
        en "{rest} and {last}"
        fr "{rest} et {last}";
    DidYouMean "did_you_mean"
        en ", did you mean `{name}`?"
        fr ", vouliez-vous dire `{name}` ?";
    UnknownName "unknown_name"
        en "unknown {kind} `{name}`{near}"
        fr "{kind} `{name}` introuvable{near}";
    KindPermission "kind_permission" en "permission" fr "permission";
    KindFeature "kind_feature" en "feature" fr "fonctionnalité";
    KindPlan "kind_plan" en "plan" fr "offre";
    KindSeat "kind_seat" en "seat" fr "licence";
    KindRole "kind_role" en "role" fr "rôle";
    KindToggle "kind_toggle" en "toggle" fr "option";
    KindRestriction "kind_restriction" en "restriction" fr "restriction";
    KindUnit "kind_unit" en "unit" fr "unité";
    KindTeam "kind_team" en "team" fr "équipe";
    KindUser "kind_user" en "user" fr "utilisateur";
    KindRecordOwner "kind_record_owner" en "record owner" fr "propriétaire de l'élément";
    KindRecordTeam "kind_record_team" en "record team" fr "équipe de l'élément";
    KindRecordUnit "kind_record_unit" en "record unit" fr "unité de l'élément";

    // --- Reading: type errors ---
    Expected "expected"
        en "expected {what}, found {found}"
        fr "attendu : {what}, trouvé : {found}";
    AString "a_string" en "a string" fr "une chaîne";
    ABoolean "a_boolean" en "a boolean" fr "un booléen";
    ACount "a_count"
        en "a whole number from 0 to 4294967295"
        fr "un nombre entier de 0 à 4294967295";
    AnObject "an_object" en "an object" fr "un objet";
    AnArray "an_array" en "an array" fr "un tableau";
    OneOf "one_of" en "one of {names}" fr "l'une des valeurs {names}";
    AnAttribute "an_attribute"
        en "a string, a number, a boolean or a list of strings"
        fr "une chaîne, un nombre, un booléen ou une liste de chaînes";
    AListString "a_list_string"
        en "a string (a list attribute holds strings only)"
        fr "une chaîne (un attribut liste ne contient que des chaînes)";
    ASnapshot "a_snapshot"
        en "an object with `model` and `org`"
        fr "un objet avec `model` et `org`";
    FoundNull "found_null" en "null" fr "null";
    FoundBoolean "found_boolean" en "a boolean `{value}`" fr "un booléen `{value}`";
    FoundNumber "found_number" en "a number `{value}`" fr "un nombre `{value}`";
    FoundString "found_string" en "a string `{value}`" fr "une chaîne `{value}`";
    UnknownField "unknown_field"
        en "unknown field `{key}`{near} ({known})"
        fr "champ `{key}` inconnu{near} ({known})";
    NoFields "no_fields" en "this object has no fields" fr "cet objet n'a aucun champ";
    OnlyField "only_field" en "the only field is `{field}`" fr "le seul champ est `{field}`";
    Fields "fields" en "the fields are {fields}" fr "les champs sont {fields}";
    DuplicateKey "duplicate_key"
        en "duplicate key `{key}`: an object may have each key once (JSON readers differ on which value they keep)"
        fr "clé `{key}` en double : un objet n'a chaque clé qu'une fois (les lecteurs JSON ne gardent pas tous la même valeur)";
    MissingField "missing_field" en "missing field `{field}`" fr "champ `{field}` manquant";
    UnknownScopeLevel "unknown_scope_level"
        en "unknown scope level `{level}`{near} (the levels are {levels})"
        fr "niveau de périmètre `{level}` inconnu{near} (les niveaux sont {levels})";
    UnknownLevel "unknown_level"
        en "unknown level `{level}`{near} (expected {levels})"
        fr "niveau `{level}` inconnu{near} (attendu : {levels})";
    NotASnapshot "not_a_snapshot" en "not a snapshot" fr "ce n'est pas un snapshot";

    @full_engine_only
    // --- Validation: the model ---
    EmptyId "empty_id" en "{kind} id is empty" fr "{kind} sans identifiant";
    DuplicateId "duplicate_id" en "duplicate {kind} id `{id}`" fr "{kind} `{id}` en double";
    MinOverMax "min_over_max"
        en "min {min} is greater than max {max}"
        fr "min {min} est supérieur à max {max}";
    StarInPermissionId "star_in_permission_id"
        en "permission id `{id}` may not contain `*`"
        fr "l'identifiant de permission `{id}` ne peut pas contenir `*`";
    IncludeCycle "include_cycle"
        en "role `{role}` includes itself through a cycle"
        fr "le rôle `{role}` s'inclut lui-même par un cycle";
    RestrictionNeedsMessage "restriction_needs_message"
        en "a restriction needs a message saying why it denies"
        fr "une restriction demande un message qui dit pourquoi elle refuse";
    PatternStarEnd "pattern_star_end"
        en "pattern `{pattern}` may only end with `*`"
        fr "le motif `{pattern}` ne peut avoir `*` qu'à la fin";
    PatternMatchesNothing "pattern_matches_nothing"
        en "pattern `{pattern}` matches no permission"
        fr "le motif `{pattern}` ne correspond à aucune permission";
    ScopeNotRecord "scope_not_record"
        en "permission `{permission}` is not record-scoped, so a grant of it cannot have a scope"
        fr "la permission `{permission}` ne porte pas sur des éléments : une attribution de celle-ci ne peut pas avoir de périmètre";
    TeamsNotRecord "teams_not_record"
        en "permission `{permission}` is not record-scoped, so a grant of it cannot list teams"
        fr "la permission `{permission}` ne porte pas sur des éléments : une attribution de celle-ci ne peut pas lister d'équipes";
    PermissionFeature "permission_feature"
        en "permission `{permission}` needs feature `{feature}`, which plan `{plan}` does not include"
        fr "la permission `{permission}` nécessite la fonctionnalité `{feature}`, que l'offre `{plan}` n'inclut pas";
    GrantFeature "grant_feature"
        en "this grant of `{permission}` needs feature `{feature}` ({label}), which plan `{plan}` does not include: remove the grant, or change the plan"
        fr "cette attribution de `{permission}` nécessite la fonctionnalité `{feature}` ({label}), que l'offre `{plan}` n'inclut pas : retirez l'attribution ou changez d'offre";
    ExceptOnePermission "except_one_permission"
        en "`except` needs a pattern in `permission` (such as `calls.*`), and `{permission}` is one permission"
        fr "`except` demande un motif dans `permission` (comme `calls.*`), or `{permission}` est une seule permission";
    ExceptEverything "except_everything"
        en "pattern `{pattern}` takes out everything `{grant}` grants, so the grant grants nothing"
        fr "le motif `{pattern}` retire tout ce qu'accorde `{grant}` : l'attribution n'accorde plus rien";
    ExceptOutside "except_outside"
        en "pattern `{pattern}` matches no permission that `{grant}` grants"
        fr "le motif `{pattern}` ne correspond à aucune permission qu'accorde `{grant}`";
    ExceptNotGranted "except_not_granted"
        en "permission `{permission}` is not one that `{grant}` grants, so taking it out changes nothing"
        fr "la permission `{permission}` ne fait pas partie de ce qu'accorde `{grant}` : la retirer ne change rien";
    ConditionTooDeep "condition_too_deep"
        en "conditions nest deeper than {max} levels"
        fr "les conditions s'imbriquent sur plus de {max} niveaux";
    ConditionOneForm "condition_one_form"
        en "a condition needs exactly one of `all`, `any`, `not` or `attr`"
        fr "une condition demande exactement une des clés `all`, `any`, `not` ou `attr`";
    ComparisonNeedsAttr "comparison_needs_attr"
        en "a comparison (`eq`, `in`, `present`, `eqAttr`, `inAttr`) needs `attr`"
        fr "une comparaison (`eq`, `in`, `present`, `eqAttr`, `inAttr`) demande `attr`";
    AttrOneComparison "attr_one_comparison"
        en "`attr` `{attr}` needs exactly one of `eq`, `in`, `present`, `eqAttr` or `inAttr`"
        fr "`attr` `{attr}` demande exactement une des clés `eq`, `in`, `present`, `eqAttr` ou `inAttr`";
    AttrPath "attr_path"
        en "attribute path `{path}` must be one of {allowed}"
        fr "le chemin d'attribut `{path}` doit être de la forme {allowed}";
    TooManyPairs "too_many_pairs"
        en "{roles} roles x {permissions} permissions is more than the {max} role-permission pairs supported"
        fr "{roles} rôles x {permissions} permissions dépassent les {max} paires rôle-permission prises en charge";
    IncludeBudget "include_budget"
        en "the roles' includes take more than {budget} steps to resolve (each role with each role it includes, directly or not; 16 per role and include, at least 250000, at most 2000000)"
        fr "les inclusions de rôles demandent plus de {budget} étapes (chaque rôle avec chaque rôle qu'il inclut, directement ou non ; 16 par rôle et par inclusion, au moins 250000, au plus 2000000)";
    TooManyCompiled "too_many_compiled"
        en "the grants compile to more than {max} entries (each grant once per permission it matches, per role that includes it and per user holding it)"
        fr "les attributions donnent plus de {max} entrées compilées (chacune une fois par permission qu'elle couvre, par rôle qui l'inclut et par utilisateur qui la détient)";
    TooManyRestrictions "too_many_restrictions"
        en "at most {max} restrictions are supported, found {n}"
        fr "au plus {max} restrictions sont prises en charge, {n} trouvées";
    TooManySeats "too_many_seats"
        en "at most 64 seat types are supported, found {n}"
        fr "au plus 64 types de licence sont pris en charge, {n} trouvés";
    TooManyReportingRules "too_many_reporting_rules"
        en "at most {max} reporting rules are supported, found {n}"
        fr "au plus {max} règles hiérarchiques sont prises en charge, {n} trouvées";
    EmptyReportingRule "empty_reporting_rule"
        en "a reporting rule needs `managers` (who may be a manager) or `reportTo` (whom everyone else reports to)"
        fr "une règle hiérarchique demande `managers` (qui peut être manager) ou `reportTo` (de qui tous les autres dépendent)";
    EmptyHolding "empty_holding"
        en "names no role and no toggle, so nobody holds it: list `roles` or `toggles`"
        fr "ne nomme aucun rôle et aucune option, donc personne ne le détient : listez des `roles` ou des `toggles`";
    UnknownLocale "unknown_locale"
        en "unknown locale `{locale}`{near} (the locales are {locales})"
        fr "langue `{locale}` inconnue{near} (les langues sont {locales})";
    UnknownMessage "unknown_message"
        en "unknown message id `{id}`{near}"
        fr "identifiant de message `{id}` inconnu{near}";
    UnknownPlaceholder "unknown_placeholder"
        en "unknown placeholder `{placeholder}` in message `{id}` ({known})"
        fr "paramètre `{placeholder}` inconnu dans le message `{id}` ({known})";
    PlaceholdersAre "placeholders_are"
        en "its placeholders are {names}"
        fr "ses paramètres sont {names}";
    NoPlaceholders "no_placeholders"
        en "it takes none"
        fr "il n'en prend aucun";

    // --- Validation: the organisation ---
    CycleUnit "cycle_unit"
        en "unit `{first}` is inside {chain}: a cycle in the units tree"
        fr "l'unité `{first}` est dans {chain} : un cycle dans l'arbre des unités";
    CycleUnitLink "cycle_unit_link"
        en "{chain}, which is inside {next}"
        fr "{chain}, qui est dans {next}";
    CycleUnitSelf "cycle_unit_self"
        en "unit `{first}` is inside itself: a cycle in the units tree"
        fr "l'unité `{first}` est dans elle-même : un cycle dans l'arbre des unités";
    CycleUser "cycle_user"
        en "user `{first}` reports to {chain}: a cycle in the reporting tree"
        fr "l'utilisateur `{first}` a pour manager {chain} : un cycle dans la hiérarchie";
    CycleUserLink "cycle_user_link"
        en "{chain}, who reports to {next}"
        fr "{chain}, qui a pour manager {next}";
    CycleUserSelf "cycle_user_self"
        en "user `{first}` reports to themselves: a cycle in the reporting tree"
        fr "l'utilisateur `{first}` est son propre manager : un cycle dans la hiérarchie";
    UnitAndTeam "unit_and_team"
        en "a role is held at a unit or for a team, not both"
        fr "un rôle est détenu dans une unité ou pour une équipe, pas les deux";
    ToggleFeature "toggle_feature"
        en "toggle `{toggle}` needs feature `{feature}`, which plan `{plan}` does not include"
        fr "l'option `{toggle}` nécessite la fonctionnalité `{feature}`, que l'offre `{plan}` n'inclut pas";
    NoDirectGrants "no_direct_grants"
        en "user `{user}` holds a grant of `{permission}` of their own, but the model allows no direct grants (`\"directGrants\": false`): give them a role that grants it instead"
        fr "l'utilisateur `{user}` a sa propre attribution de `{permission}`, mais le modèle n'autorise aucune attribution directe (`\"directGrants\": false`) : donnez-lui plutôt un rôle qui l'accorde";

    // --- The organisation's rules (load and `canAssign`) ---
    Holder "holder" en "user `{user}`" fr "l'utilisateur `{user}`";
    RequiresRole "requires_role"
        en "{who} holds role `{role}`, which requires role `{required}` ({label}) too"
        fr "{who} a le rôle `{role}`, qui demande aussi le rôle `{required}` ({label})";
    RequiresUser "requires_user"
        en "{who} holds role `{role}`, whose holder must meet: {requirement}"
        fr "{who} a le rôle `{role}`, dont le titulaire doit remplir la condition « {requirement} »";
    TooManyRoles "too_many_roles"
        en "{who} holds {roles} {place}, but the model allows at most {max} per user"
        fr "{who} a {roles} {place}, mais le modèle en permet au plus {max} par utilisateur";
    TooFewRoles "too_few_roles"
        en "{who} holds {roles}, but the model requires at least {min}"
        fr "{who} a {roles}, mais le modèle en demande au moins {min}";
    TooManyRolesInTotal "too_many_roles_in_total"
        en "{who} holds {roles} ({names}), but the model allows at most {max} per user in total, wherever held"
        fr "{who} a {roles} ({names}), mais le modèle en permet au plus {max} par utilisateur au total, où qu'ils soient détenus";
    TooFewRolesInTotal "too_few_roles_in_total"
        en "{who} holds {roles}, but the model requires at least {min} per user"
        fr "{who} a {roles}, mais le modèle demande au moins {min} par utilisateur";
    RolesOne "roles_one" en "{n} role" fr "{n} rôle";
    RolesMany "roles_many" en "{n} roles" fr "{n} rôles";
    DifferentRolesOne "different_roles_one" en "{n} different role" fr "{n} rôle différent";
    DifferentRolesMany "different_roles_many" en "{n} different roles" fr "{n} rôles différents";
    UsersOne "users_one" en "{n} user" fr "{n} utilisateur";
    UsersMany "users_many" en "{n} users" fr "{n} utilisateurs";
    MoreUsersOne "more_users_one" en "{n} more user" fr "{n} utilisateur de plus";
    MoreUsersMany "more_users_many" en "{n} more users" fr "{n} utilisateurs de plus";
    AndMore "and_more" en "{n} more" fr "{n} autres";
    TooManyHolders "too_many_holders"
        en "role `{role}` may be held by at most {users}, and {already}: {over}"
        fr "le rôle `{role}` peut être détenu par au plus {users}, et {already} : {over}";
    NobodyMayHold "nobody_may_hold" en "nobody may hold it" fr "personne ne peut le détenir";
    HoldsAlreadyOne "holds_already_one" en "{names} holds it already" fr "{names} le détient déjà";
    HoldsAlreadyMany "holds_already_many" en "{names} hold it already" fr "{names} le détiennent déjà";
    OneTooMany "one_too_many" en "{names} is one too many" fr "{names} est de trop";
    SomeTooMany "some_too_many" en "{names} are {n} too many" fr "{names} sont {n} de trop";
    TooFewHolders "too_few_holders"
        en "role `{role}` must be held by at least {users}, but {held}: give it to {more} (`{assignment}` in their `roles`)"
        fr "le rôle `{role}` doit être détenu par au moins {users}, mais {held} : donnez-le à {more} (`{assignment}` dans leurs `roles`)";
    NobodyHolds "nobody_holds" en "nobody holds it" fr "personne ne le détient";
    OneHolds "one_holds" en "1 holds it" fr "1 le détient";
    SomeHold "some_hold" en "{n} hold it" fr "{n} le détiennent";
    AdvisedMaxHolders "advised_max_holders"
        en "role `{role}` is advised for at most {users}, but {held}: {names}"
        fr "le rôle `{role}` est conseillé pour au plus {users}, mais {held} : {names}";
    AdvisedMinHolders "advised_min_holders"
        en "role `{role}` is advised for at least {users}, but {held}"
        fr "le rôle `{role}` est conseillé pour au moins {users}, mais {held}";
    SeatsOver "seats_over"
        en "{used} `{seat}` seats are used but only {bought} purchased"
        fr "{used} licences `{seat}` sont utilisées, mais seulement {bought} achetées";
    PlaceOrg "place_org" en "org-wide" fr "dans toute l'organisation";
    PlaceUnit "place_unit" en "at unit `{unit}`" fr "dans l'unité `{unit}`";
    PlaceTeam "place_team" en "for team `{team}`" fr "pour l'équipe `{team}`";

    // --- The reporting rules and team managers (load and `canAssign`) ---
    HoldingRole "holding_role" en "role `{role}`" fr "le rôle `{role}`";
    HoldingToggle "holding_toggle" en "toggle `{toggle}`" fr "l'option `{toggle}`";
    ReportsTo "reports_to" en "reports to `{user}`" fr "a pour manager `{user}`";
    ReportsToNobody "reports_to_nobody" en "reports to nobody" fr "n'a pas de manager";
    OnPlan "on_plan" en "on plan {plans}" fr "avec l'offre {plans}";
    OnPlans "on_plans" en "on plans {plans}" fr "avec les offres {plans}";
    MustReportTo "must_report_to"
        en "{who} {reports}, but everyone reports directly to a holder of {holding} (or is one)"
        fr "{who} {reports}, mais chacun doit avoir pour manager direct quelqu'un qui détient {holding} (ou le détenir soi-même)";
    MustReportToOnPlans "must_report_to_on_plans"
        en "{who} {reports}, but {plans} everyone reports directly to a holder of {holding} (or is one)"
        fr "{who} {reports}, mais {plans}, chacun doit avoir pour manager direct quelqu'un qui détient {holding} (ou le détenir soi-même)";
    NotAManager "not_a_manager"
        en "{who} reports to `{boss}`, but only holders of {holding} may have people report to them"
        fr "{who} a pour manager `{boss}`, mais seuls ceux qui détiennent {holding} peuvent avoir des personnes rattachées";
    ManagersOne "managers_one" en "{n} manager" fr "{n} manager";
    ManagersMany "managers_many" en "{n} managers" fr "{n} managers";
    HasNone "has_none" en "has none" fr "elle n'en a aucun";
    HasSome "has_some" en "has {n}" fr "elle en a {n}";
    TooFewTeamManagers "too_few_team_managers"
        en "team `{team}` must have at least {managers}, but {has}: list them in its `managers`"
        fr "l'équipe `{team}` doit avoir au moins {managers}, mais {has} : listez-les dans ses `managers`";
    TeamManagerRole "team_manager_role"
        en "user `{user}` manages team `{team}` but does not hold role `{role}` ({label}) there, which the model requires of team managers"
        fr "l'utilisateur `{user}` gère l'équipe `{team}` mais n'y a pas le rôle `{role}` ({label}), que le modèle demande aux managers d'équipe";

    // --- Change impact (`Engine::diff`) ---
    DiffAddedOne "diff_added_one" en "{who} is added" fr "{who} arrive";
    DiffAddedMany "diff_added_many" en "{who} are added" fr "{who} arrivent";
    DiffRemovedOne "diff_removed_one" en "{who} is removed" fr "{who} part";
    DiffRemovedMany "diff_removed_many" en "{who} are removed" fr "{who} partent";
    DiffGainsOne "diff_gains_one" en "{who} gains {permission}" fr "{who} obtient « {permission} »";
    DiffGainsMany "diff_gains_many" en "{who} gain {permission}" fr "{who} obtiennent « {permission} »";
    DiffLosesOne "diff_loses_one" en "{who} loses {permission}" fr "{who} perd « {permission} »";
    DiffLosesMany "diff_loses_many" en "{who} lose {permission}" fr "{who} perdent « {permission} »";
    DiffGainsAtUnitOne "diff_gains_at_unit_one" en "{who} gains {permission} at {unit}" fr "{who} obtient « {permission} » à {unit}";
    DiffGainsAtUnitMany "diff_gains_at_unit_many" en "{who} gain {permission} at {unit}" fr "{who} obtiennent « {permission} » à {unit}";
    DiffLosesAtUnitOne "diff_loses_at_unit_one" en "{who} loses {permission} at {unit}" fr "{who} perd « {permission} » à {unit}";
    DiffLosesAtUnitMany "diff_loses_at_unit_many" en "{who} lose {permission} at {unit}" fr "{who} perdent « {permission} » à {unit}";
    DiffGainsTeamOne "diff_gains_team_one" en "{who} gains {permission} of team {team}" fr "{who} obtient « {permission} » sur l'équipe {team}";
    DiffGainsTeamMany "diff_gains_team_many" en "{who} gain {permission} of team {team}" fr "{who} obtiennent « {permission} » sur l'équipe {team}";
    DiffLosesTeamOne "diff_loses_team_one" en "{who} loses {permission} of team {team}" fr "{who} perd « {permission} » sur l'équipe {team}";
    DiffLosesTeamMany "diff_loses_team_many" en "{who} lose {permission} of team {team}" fr "{who} perdent « {permission} » sur l'équipe {team}";
    DiffGainsOwnersOne "diff_gains_owners_one" en "{who} gains {permission} on records of {owners}" fr "{who} obtient « {permission} » sur les enregistrements de {owners}";
    DiffGainsOwnersMany "diff_gains_owners_many" en "{who} gain {permission} on records of {owners}" fr "{who} obtiennent « {permission} » sur les enregistrements de {owners}";
    DiffLosesOwnersOne "diff_loses_owners_one" en "{who} loses {permission} on records of {owners}" fr "{who} perd « {permission} » sur les enregistrements de {owners}";
    DiffLosesOwnersMany "diff_loses_owners_many" en "{who} lose {permission} on records of {owners}" fr "{who} perdent « {permission} » sur les enregistrements de {owners}";
    DiffRestrictionStarts "diff_restriction_starts" en "{restriction} now applies to {who}" fr "{restriction} s'applique désormais à {who}";
    DiffRestrictionStops "diff_restriction_stops" en "{restriction} no longer applies to {who}" fr "{restriction} ne s'applique plus à {who}";
    DiffTakesSeatOne "diff_takes_seat_one" en "{who} takes a {seat} seat" fr "{who} prend une licence {seat}";
    DiffTakesSeatMany "diff_takes_seat_many" en "{who} take a {seat} seat" fr "{who} prennent une licence {seat}";
    DiffFreesSeatOne "diff_frees_seat_one" en "{who} frees a {seat} seat" fr "{who} libère une licence {seat}";
    DiffFreesSeatMany "diff_frees_seat_many" en "{who} free a {seat} seat" fr "{who} libèrent une licence {seat}";
    DiffSeesTeams "diff_sees_teams" en "now sees records of team {teams}" fr "voit désormais les enregistrements de l'équipe {teams}";
    DiffUnseesTeams "diff_unsees_teams" en "no longer sees records of team {teams}" fr "ne voit plus les enregistrements de l'équipe {teams}";
    DiffSeesOwners "diff_sees_owners" en "now sees records of {owners}" fr "voit désormais les enregistrements de {owners}";
    DiffUnseesOwners "diff_unsees_owners" en "no longer sees records of {owners}" fr "ne voit plus les enregistrements de {owners}";
}
