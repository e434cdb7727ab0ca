import { createUseCases, FakeCrewClient, RandomTicketCodeGenerator, SandboxPaymentGateway, UuidV7IdGenerator } from '@aquastream/adapters';
import type { Command } from 'commander';
import { CommandFailedError, UsageError } from '../cli-errors.js';
import type { CliContext } from '../context.js';
import { DEMO_MARKER_SLUG } from '../seed/demo-catalogue.js';
import { DemoSeed } from '../seed/demo-seed.js';
import { describeSeedReport, seedReport } from '../seed/seed-report.js';
import { TravelClock } from '../seed/travel-clock.js';

const EXAMPLES = `
Fills the database with a realistic demo data set, made through the same use cases as the API (every row has its
messages and audit rows): three organisations with members, a category tree, events in every state (a completed trip
with reviews, trips open for booking, one starting in three days and sold out with a waitlist, one scheduled for
publication, a draft, one in review, a regatta canceled by a storm), bookings in every status (pending, confirmed and
paid through the sandbox gateway, canceled with refunds, expired) and promo codes. Times are relative to now.

Seeding twice changes nothing: when the demo organisations exist, the command says so and exits 0. Refused with
PROFILE=prod. Run \`db migrate\` first.

Examples:
  $ aquastream-admin db migrate && aquastream-admin seed --demo
  $ aquastream-admin --database-url sqlite:/tmp/demo.sqlite seed --demo --json | jq .bookings
`;

/** `seed --demo` (DESIGN §7). */
export function registerSeedCommand(program: Command, ctx: CliContext): void {
  program
    .command('seed')
    .description('fill the database with demo data (--demo)')
    .option('--demo', 'the demo data set (the only one there is)')
    .addHelpText('after', EXAMPLES)
    .action(async (options: { readonly demo?: boolean }) => {
      if (options.demo !== true) throw new UsageError('say which data set: seed --demo');
      const config = ctx.config();
      if (config.profile === 'prod') throw new UsageError('seed --demo writes made-up people and payments; it is refused with PROFILE=prod');
      if (config.paymentGateway !== 'sandbox' || config.paymentSandboxSecret === null) {
        throw new UsageError('seed --demo pays through the sandbox gateway: unset PAYMENT_GATEWAY (or set it to sandbox)');
      }
      const storage = await ctx.storage();
      const existing = await storage.organizations.findBySlug(null, DEMO_MARKER_SLUG);
      if (existing !== null) {
        ctx.output.result({ seeded: false, reason: 'ALREADY_SEEDED', organizationId: existing.id }, () =>
          `The demo data is already there (organisation "${existing.name}", ${existing.id}); nothing was created.`,
        );
        return;
      }
      const clock = new TravelClock();
      // The seed's own sandbox instance: it must be the one the use cases pay through, so that checkout, webhook and
      // refunds all reach the payments it knows.
      const sandbox = new SandboxPaymentGateway({ secret: config.paymentSandboxSecret, publicBaseUrl: config.publicBaseUrl });
      const uc = createUseCases(storage, {
        clock,
        ids: new UuidV7IdGenerator(),
        ticketCodes: new RandomTicketCodeGenerator(),
        gateway: sandbox,
        crew: new FakeCrewClient(),
        settings: {
          bookingTtlMinutes: config.bookingTtlMinutes,
          bookingGraceMinutes: config.bookingGraceMinutes,
          waitlistOfferMinutes: config.waitlistOfferMinutes,
          auditRetainDays: config.auditRetainDays,
        },
      });
      ctx.output.note('Seeding the demo data set…');
      let ids;
      try {
        ids = await new DemoSeed({ uc, sandbox, clock, admin: ctx.ucx }).run();
      } catch (error: unknown) {
        if (!(error instanceof CommandFailedError)) throw error;
        // Each step committed on its own: say what is left behind rather than pretend nothing happened.
        throw new CommandFailedError(`${error.message}. The steps before it were saved; seed a fresh database (the demo is not resumable).`, error.code);
      }
      const report = await seedReport(uc, ctx.ucx, ids);
      ctx.output.result(report, () => describeSeedReport(report));
    });
}
