// Read-only views of a loaded snapshot for display: labels, the people list,
// the units tree and how two people relate in the reporting tree. Decisions
// are never made here; they come from the engine.

/** Display helpers over one snapshot `{ model, org }`. */
export class OrgView {
  constructor(snapshot) {
    this.snap = snapshot;
    this.model = snapshot.model ?? {};
    this.org = snapshot.org ?? {};
    this.users = this.org.users ?? [];
    this.teams = this.org.teams ?? [];
    this.units = this.org.units ?? [];
    this.byUser = new Map(this.users.map((u) => [u.id, u]));
    this.byTeam = new Map(this.teams.map((t) => [t.id, t]));
    this.byUnit = new Map(this.units.map((u) => [u.id, u]));
    this.byRole = new Map((this.model.roles ?? []).map((r) => [r.id, r]));
    this.byToggle = new Map((this.model.toggles ?? []).map((t) => [t.id, t]));
    this.byPermission = new Map((this.model.permissions ?? []).map((p) => [p.id, p]));
    this.bySeat = new Map((this.model.seats ?? []).map((s) => [s.id, s]));
    this.byFeature = new Map((this.model.features ?? []).map((f) => [f.id, f]));
  }

  userName(id) { return this.byUser.get(id)?.name ?? id ?? ''; }
  firstName(id) { return String(this.userName(id)).split(/\s+/)[0] || 'this user'; }
  teamLabel(id) { return this.byTeam.get(id)?.label ?? id; }
  unitLabel(id) { return this.byUnit.get(id)?.label ?? id; }
  roleLabel(id) { return this.byRole.get(id)?.label ?? id; }
  toggleLabel(id) { return this.byToggle.get(id)?.label ?? id; }
  permissionLabel(id) { return this.byPermission.get(id)?.label ?? id; }
  seatLabel(id) { return this.bySeat.get(id)?.label ?? id; }
  featureLabel(id) { return this.byFeature.get(id)?.label ?? id; }
  planLabel() {
    const plan = (this.model.plans ?? []).find((p) => p.id === this.org.plan);
    return plan?.label ?? this.org.plan ?? null;
  }

  /** Where a role assignment applies, in words ("" when org-wide). */
  placeOf(assignment) {
    if (assignment.unit) return this.unitLabel(assignment.unit).replace(/\s*\(.*\)$/, '');
    if (assignment.team) return this.teamLabel(assignment.team);
    return '';
  }

  /** Teams a user manages. */
  managedTeams(userId) {
    return this.teams.filter((t) => (t.managers ?? []).includes(userId)).map((t) => t.id);
  }

  /** The record team of a user's records: their first team. */
  homeTeam(userId) {
    return this.byUser.get(userId)?.teams?.[0];
  }

  /** Units in tree order with their depth (roots first, children below). */
  unitTree() {
    const children = new Map();
    for (const u of this.units) {
      const key = u.parent ?? null;
      if (!children.has(key)) children.set(key, []);
      children.get(key).push(u);
    }
    const out = [];
    const seen = new Set();
    const walk = (parent, depth) => {
      for (const u of children.get(parent) ?? []) {
        if (seen.has(u.id)) continue;
        seen.add(u.id);
        out.push({ ...u, depth });
        walk(u.id, depth + 1);
      }
    };
    walk(null, 0);
    return out;
  }

  /** True when `unit` is `ancestor` or below it. */
  isWithin(unit, ancestor) {
    let cur = unit;
    for (let i = 0; cur && i <= this.units.length; i++) {
      if (cur === ancestor) return true;
      cur = this.byUnit.get(cur)?.parent;
    }
    return false;
  }

  /** How `other` relates to `me` in the reporting tree, in words. */
  relation(me, other) {
    if (me === other) return { key: 'own', label: 'You' };
    const mine = this.byUser.get(me);
    const theirs = this.byUser.get(other);
    if (!mine || !theirs) return { key: 'other', label: '' };
    if (mine.manager && mine.manager === other) return { key: 'manager', label: 'Your manager' };
    let cur = theirs.manager;
    for (let i = 0; cur && i <= this.users.length; i++) {
      if (cur === me) return { key: 'subordinate', label: i === 0 ? 'Reports to you' : 'In your reporting line' };
      cur = this.byUser.get(cur)?.manager;
    }
    if (mine.manager && mine.manager === theirs.manager) return { key: 'peer', label: 'Peer' };
    cur = this.byUser.get(mine.manager)?.manager;
    for (let i = 0; cur && i <= this.users.length; i++) {
      if (cur === other) return { key: 'above', label: 'Above your manager' };
      cur = this.byUser.get(cur)?.manager;
    }
    const shared = (theirs.teams ?? []).find((t) => (mine.teams ?? []).includes(t));
    if (shared) return { key: 'team', label: 'Same team' };
    return { key: 'other', label: 'Elsewhere' };
  }
}
