// The demo data set's fixed part: who the people are, which organisations and events exist. Times are relative to
// the moment of seeding (`at(days, hour)`), so the demo always has a past, a near future and a far future.
import type { CreateEventCommand } from '@aquastream/application';
import type { Instant } from '@aquastream/domain';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** Demo users (JWT subjects): sign in as one with `aquastream-admin token --sub <id> --role <role>`. */
export const DEMO_USERS = {
  olga: { id: 'demo-olga', roles: ['ORGANIZER', 'USER'], about: 'owner of Blue Harbour Kayaks' },
  max: { id: 'demo-max', roles: ['ORGANIZER', 'USER'], about: 'manager at Blue Harbour Kayaks' },
  sam: { id: 'demo-sam', roles: ['USER'], about: 'staff at Blue Harbour Kayaks (check-in)' },
  nina: { id: 'demo-nina', roles: ['ORGANIZER', 'USER'], about: 'owner of North Wind Sailing Club' },
  igor: { id: 'demo-igor', roles: ['ORGANIZER', 'USER'], about: 'manager at North Wind Sailing Club' },
  rita: { id: 'demo-rita', roles: ['ORGANIZER', 'USER'], about: 'owner of Riverside Boat Workshops (events reviewed)' },
  anna: { id: 'demo-anna', roles: ['USER'], about: 'attendee' },
  boris: { id: 'demo-boris', roles: ['USER'], about: 'attendee' },
  clara: { id: 'demo-clara', roles: ['USER'], about: 'attendee' },
  dmitri: { id: 'demo-dmitri', roles: ['USER'], about: 'attendee' },
  elena: { id: 'demo-elena', roles: ['USER'], about: 'attendee' },
  fedor: { id: 'demo-fedor', roles: ['USER'], about: 'attendee' },
  galina: { id: 'demo-galina', roles: ['USER'], about: 'attendee' },
  hanna: { id: 'demo-hanna', roles: ['USER'], about: 'attendee' },
  ivan: { id: 'demo-ivan', roles: ['USER'], about: 'attendee' },
} as const;
export type DemoUser = keyof typeof DEMO_USERS;

export type DemoOrganization = {
  readonly name: string;
  readonly slug: string;
  readonly owner: DemoUser;
  readonly members: readonly { readonly user: DemoUser; readonly role: 'MANAGER' | 'STAFF' }[];
  readonly reviewRequired: boolean;
  readonly moderateReviews: boolean;
};

/** The first one's slug marks a database as seeded. */
export const DEMO_ORGANIZATIONS = {
  harbour: {
    name: 'Blue Harbour Kayaks',
    slug: 'blue-harbour-kayaks',
    owner: 'olga',
    members: [{ user: 'max', role: 'MANAGER' }, { user: 'sam', role: 'STAFF' }],
    reviewRequired: false,
    moderateReviews: false,
  },
  northWind: {
    name: 'North Wind Sailing Club',
    slug: 'north-wind-sailing-club',
    owner: 'nina',
    members: [{ user: 'igor', role: 'MANAGER' }],
    reviewRequired: false,
    moderateReviews: false,
  },
  riverside: {
    name: 'Riverside Boat Workshops',
    slug: 'riverside-boat-workshops',
    owner: 'rita',
    members: [],
    reviewRequired: true,
    moderateReviews: true,
  },
} as const satisfies Record<string, DemoOrganization>;
export type DemoOrganizationKey = keyof typeof DEMO_ORGANIZATIONS;
export const DEMO_MARKER_SLUG = DEMO_ORGANIZATIONS.harbour.slug;

/** Category tree: roots, and children named with their parent's key. */
export const DEMO_CATEGORIES = {
  boatTrips: { name: 'Boat trips', parent: null },
  kayaking: { name: 'Kayaking', parent: 'boatTrips' },
  sailing: { name: 'Sailing', parent: 'boatTrips' },
  regattas: { name: 'Regattas', parent: null },
  workshops: { name: 'Workshops', parent: null },
} as const satisfies Record<string, { readonly name: string; readonly parent: string | null }>;
export type DemoCategory = keyof typeof DEMO_CATEGORIES;

export type DemoEvent = {
  readonly org: DemoOrganizationKey;
  readonly category: DemoCategory;
  /** Days from the moment of seeding, and the UTC hour of the start. */
  readonly startsInDays: number;
  readonly hourUtc: number;
  readonly hours: number;
  readonly command: Omit<CreateEventCommand, 'organizationId' | 'categoryId' | 'startsAt' | 'endsAt'>;
  /** What the seed makes of it. */
  readonly fate: 'COMPLETED' | 'PUBLISHED' | 'SOON' | 'CANCELED' | 'SCHEDULED' | 'DRAFT' | 'IN_REVIEW';
};

const pier = (name: string, latitude: number, longitude: number) => ({ name, address: `${name}, Embankment`, latitude, longitude });

export const DEMO_EVENTS = {
  moonPaddle: {
    org: 'harbour', category: 'kayaking', startsInDays: -7, hourUtc: 19, hours: 3, fate: 'COMPLETED',
    command: {
      title: 'Midnight paddle under the full moon', shortDescription: 'A quiet night tour along the old harbour.',
      description: 'Three hours on calm water by moonlight, with head torches and hot tea on the return.',
      timeZone: 'Europe/Lisbon', location: pier('Pier 3', 38.7077, -9.1366), capacity: 12, currency: 'EUR',
      priceOptions: [{ name: 'Adult', price: 4_500 }],
    },
  },
  sunsetTour: {
    org: 'harbour', category: 'kayaking', startsInDays: 21, hourUtc: 17, hours: 3, fate: 'PUBLISHED',
    command: {
      title: 'Sunset kayak tour', shortDescription: 'Golden hour on the river, for beginners.',
      description: 'A guided two-hour paddle at sunset; all equipment and a short safety briefing included.',
      timeZone: 'Europe/Lisbon', location: pier('Pier 3', 38.7077, -9.1366), capacity: 20, currency: 'EUR',
      priceOptions: [{ name: 'Adult', price: 3_500 }, { name: 'Child', price: 2_000, quantity: 6, description: 'under 14, with an adult' }],
      groupDiscounts: [{ minQuantity: 4, percent: 10 }],
      crew: { size: 2, skills: ['guide', 'first-aid'] },
    },
  },
  harbourLights: {
    org: 'northWind', category: 'sailing', startsInDays: 3, hourUtc: 16, hours: 2, fate: 'SOON',
    command: {
      title: 'Harbour lights evening cruise', shortDescription: 'Four seats on a classic yacht.',
      description: 'An evening sail past the lit harbour on a 1960s wooden yacht; small group, drinks on board.',
      timeZone: 'Europe/Moscow', location: pier('Yacht club berth 7', 59.9343, 30.3351), capacity: 4, currency: 'RUB',
      priceOptions: [{ name: 'Standard', price: 320_000 }],
    },
  },
  springRegatta: {
    org: 'northWind', category: 'regattas', startsInDays: 12, hourUtc: 8, hours: 8, fate: 'CANCELED',
    command: {
      title: 'Spring regatta', shortDescription: 'Club regatta, three races around the buoys.',
      description: 'Open club regatta for crews of two; briefing at 08:00, prize giving in the evening.',
      timeZone: 'Europe/Moscow', location: pier('Yacht club main pier', 59.9311, 30.3609), capacity: 30, currency: 'RUB',
      priceOptions: [{ name: 'Crew entry', price: 500_000 }],
      crew: { size: 2, skills: ['skipper', 'rescue-boat'] },
    },
  },
  sailingSchool: {
    org: 'northWind', category: 'sailing', startsInDays: 40, hourUtc: 9, hours: 6, fate: 'SCHEDULED',
    command: {
      title: 'Autumn sailing school: week 1', shortDescription: 'Learn to sail in five mornings.',
      description: 'Theory and practice for complete beginners; published five days from now.',
      timeZone: 'Europe/Moscow', location: pier('Yacht club main pier', 59.9311, 30.3609), capacity: 8, currency: 'RUB',
      priceOptions: [{ name: 'Course', price: 2_400_000 }],
    },
  },
  beginnersRegatta: {
    org: 'northWind', category: 'regattas', startsInDays: 45, hourUtc: 9, hours: 7, fate: 'PUBLISHED',
    command: {
      title: 'Regatta for beginners', shortDescription: 'Your first race, with a coach on every boat.',
      description: 'A friendly race for crews who finished the sailing school.',
      timeZone: 'Europe/Moscow', location: pier('Yacht club main pier', 59.9311, 30.3609), capacity: 16, currency: 'RUB',
      priceOptions: [{ name: 'Sailor', price: 350_000 }],
      dynamicPricing: [{ minFillPercent: 75, multiplier: 1.2 }],
    },
  },
  knotWorkshop: {
    org: 'riverside', category: 'workshops', startsInDays: 20, hourUtc: 15, hours: 2, fate: 'DRAFT',
    command: {
      title: 'Knot-tying workshop', shortDescription: 'Twelve knots every sailor should know.',
      timeZone: 'Europe/Moscow', location: pier('Riverside boathouse', 55.7415, 37.6156), capacity: 10, currency: 'RUB',
      priceOptions: [{ name: 'Participant', price: 150_000 }],
    },
  },
  restoration: {
    org: 'riverside', category: 'workshops', startsInDays: 35, hourUtc: 10, hours: 5, fate: 'IN_REVIEW',
    command: {
      title: 'Wooden boat restoration', shortDescription: 'Sand, varnish and caulk a clinker dinghy.',
      timeZone: 'Europe/Moscow', location: pier('Riverside boathouse', 55.7415, 37.6156), capacity: 6, currency: 'RUB',
      priceOptions: [{ name: 'Participant', price: 600_000 }],
    },
  },
} as const satisfies Record<string, DemoEvent>;
export type DemoEventKey = keyof typeof DEMO_EVENTS;

/** `days` from `origin`'s UTC midnight, at `hour` UTC. */
export function at(origin: Instant, days: number, hour: number): Instant {
  return Math.floor(origin / DAY) * DAY + days * DAY + hour * HOUR;
}
