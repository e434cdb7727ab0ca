/** Roles come from the JWT; no token means a guest. Role names are case-insensitive at the edge. */
export type Role = 'USER' | 'ORGANIZER' | 'ADMIN';
export type MemberRole = 'OWNER' | 'MANAGER' | 'STAFF';
export type Membership = { readonly organizationId: string; readonly role: MemberRole };

/**
 * Who acts. `system` is the scheduler or the admin CLI (`cli:<os user>`): it has an admin's rights and
 * its id is written to every audit row.
 */
export type Actor =
  | { readonly kind: 'guest' }
  | {
      readonly kind: 'user';
      readonly id: string;
      readonly roles: readonly Role[];
      readonly memberships: readonly Membership[];
    }
  | { readonly kind: 'system'; readonly id: string };
