// The one place where the application's use cases are wired to their ports: the HTTP app, the CLI and the scheduler
// each bind this object in their container, so the three run the same graph (and the tests run it too).
import {
  AddEventFaqUseCase,
  ApproveEventUseCase,
  BookingHolds,
  BulkCancelEventsUseCase,
  BulkRescheduleEventsUseCase,
  CancelBookingUseCase,
  CancelEventUseCase,
  CancelEventWaitlistService,
  ChangeRecorder,
  CheckInTicketUseCase,
  ClaimOfferUseCase,
  CompleteDueEventsUseCase,
  CreateBookingUseCase,
  CreateEventUseCase,
  DEFAULT_CREW_SETTINGS,
  DeleteEventFaqUseCase,
  DeleteEventUseCase,
  ExpireDueBookingsUseCase,
  ExpireWaitlistOffersUseCase,
  FulfilCrewRequestService,
  GetBookingUseCase,
  GetEventStatsUseCase,
  GetEventUseCase,
  GetPaymentUseCase,
  GetRefundQuoteUseCase,
  HandleGatewayEventUseCase,
  InitiatePaymentUseCase,
  JoinWaitlistUseCase,
  LeaveWaitlistUseCase,
  ListAttendeesUseCase,
  ListBookingsUseCase,
  ListEventFaqUseCase,
  ListEventWaitlistUseCase,
  ListMyWaitlistUseCase,
  ListOutboxUseCase,
  OfferFreedSeatsService,
  OutboxStatsUseCase,
  PaymentSettlement,
  PopularEventsUseCase,
  ProcessEventWaitlistUseCase,
  PublishDueEventsUseCase,
  PublishEventUseCase,
  PurgeAuditUseCase,
  QueryAuditUseCase,
  ReconcileSeatCountersUseCase,
  RefundPaymentUseCase,
  RefundService,
  RejectEventUseCase,
  RequestCrewUseCase,
  RescheduleEventService,
  RetryCrewRequestsUseCase,
  RetryOutboxUseCase,
  SearchCatalogueUseCase,
  SendRemindersUseCase,
  SubmitEventUseCase,
  UnscheduleEventUseCase,
  UpdateEventFaqUseCase,
  UpdateEventUseCase,
  type Clock,
  type CrewClient,
  type CrewSettings,
  type IdGenerator,
  type PaymentGateway,
  type TicketCodeGenerator,
} from '@aquastream/application';
import { createEngagementUseCases } from './engagement-use-cases.js';
import { createJobs } from './jobs.js';
import type { Storage } from './storage.js';

/** The timings of DESIGN §8, already parsed (AppConfig carries them under the same names). */
export type UseCaseSettings = {
  readonly bookingTtlMinutes: number;
  readonly bookingGraceMinutes: number;
  readonly waitlistOfferMinutes: number;
  /** For the purge-audit job, which comes with the scheduler; carried here so every app hands in the same settings. */
  readonly auditRetainDays: number;
  /** Crew retry back-off; DEFAULT_CREW_SETTINGS when left out. */
  readonly crew?: CrewSettings;
};

/** What is not storage: time, ids, ticket codes, and the two outside services. */
export type UseCaseServices = {
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly ticketCodes: TicketCodeGenerator;
  readonly gateway: PaymentGateway;
  readonly crew: CrewClient;
  readonly settings: UseCaseSettings;
};

/** Every use case and service of the application, built once over one store. */
export function createUseCases(storage: Storage, services: UseCaseServices) {
  const { uow, events, faqs, bookings, payments, waitlist, organizations, categories, promoCodes, outbox, audit, idempotency } = storage;
  const { clock, ids, ticketCodes, gateway, settings } = services;
  const booking = { ttlMinutes: settings.bookingTtlMinutes, graceMinutes: settings.bookingGraceMinutes };
  const offerWindow = { offerMinutes: settings.waitlistOfferMinutes };

  const recorder = new ChangeRecorder(outbox, audit, ids, clock);
  const crew = new FulfilCrewRequestService(uow, events, services.crew, recorder, clock, settings.crew ?? DEFAULT_CREW_SETTINGS);
  const offers = new OfferFreedSeatsService(events, waitlist, recorder, clock, offerWindow);
  const holds = new BookingHolds(events, promoCodes, offers);
  const refunds = new RefundService(uow, payments, bookings, gateway, recorder, ids, clock);
  const settlement = new PaymentSettlement(payments, bookings, events, holds, refunds, recorder, ticketCodes, clock, booking);
  const waitlistCanceler = new CancelEventWaitlistService(events, waitlist, recorder, clock);
  const rescheduler = new RescheduleEventService(uow, events, crew, recorder, clock);
  const cancelEvent = new CancelEventUseCase(uow, events, bookings, payments, waitlist, waitlistCanceler, promoCodes, refunds, services.crew, recorder, clock);
  const expireBookings = new ExpireDueBookingsUseCase(uow, bookings, events, payments, gateway, settlement, holds, refunds, recorder, clock, booking);
  const expireOffers = new ExpireWaitlistOffersUseCase(uow, events, waitlist, offers, recorder, clock, offerWindow);
  const publishDue = new PublishDueEventsUseCase(uow, events, recorder, clock);
  const completeDue = new CompleteDueEventsUseCase(uow, events, recorder, clock);
  const retryCrew = new RetryCrewRequestsUseCase(events, crew, clock);
  const sendReminders = new SendRemindersUseCase(uow, bookings, events, storage.reminders, recorder, clock);
  const purgeAudit = new PurgeAuditUseCase(uow, audit, storage.reminders, clock, { retainDays: settings.auditRetainDays });

  return {
    services: { recorder, crew, offers, holds, refunds, settlement, waitlistCanceler, rescheduler },
    ...createEngagementUseCases(storage, { clock, ids, recorder }),
    events: {
      create: new CreateEventUseCase(uow, events, organizations, categories, recorder, crew, ids, clock),
      get: new GetEventUseCase(events),
      search: new SearchCatalogueUseCase(events, categories, clock),
      update: new UpdateEventUseCase(uow, events, categories, recorder, offers, crew, ids, clock),
      delete: new DeleteEventUseCase(uow, events, recorder),
      publish: new PublishEventUseCase(uow, events, organizations, recorder, clock),
      unschedule: new UnscheduleEventUseCase(uow, events, recorder, clock),
      submit: new SubmitEventUseCase(uow, events, organizations, recorder, clock),
      approve: new ApproveEventUseCase(uow, events, recorder, clock),
      reject: new RejectEventUseCase(uow, events, recorder, clock),
      cancel: cancelEvent,
      requestCrew: new RequestCrewUseCase(uow, events, recorder, crew, clock),
      stats: new GetEventStatsUseCase(events, bookings, waitlist),
      attendees: new ListAttendeesUseCase(events, bookings),
      listFaq: new ListEventFaqUseCase(events, faqs),
      addFaq: new AddEventFaqUseCase(uow, events, faqs, recorder, ids, clock),
      updateFaq: new UpdateEventFaqUseCase(uow, events, faqs, recorder),
      deleteFaq: new DeleteEventFaqUseCase(uow, events, faqs, recorder),
      publishDue,
      completeDue,
      retryCrewRequests: retryCrew,
    },
    bookings: {
      create: new CreateBookingUseCase(uow, events, bookings, promoCodes, recorder, ids, ticketCodes, clock, booking),
      get: new GetBookingUseCase(bookings, events),
      list: new ListBookingsUseCase(bookings, events),
      cancel: new CancelBookingUseCase(uow, bookings, events, payments, holds, refunds, recorder, clock),
      refundQuote: new GetRefundQuoteUseCase(bookings, events, payments, clock),
      checkIn: new CheckInTicketUseCase(uow, bookings, events, recorder, clock),
      expireDue: expireBookings,
    },
    payments: {
      initiate: new InitiatePaymentUseCase(uow, bookings, events, payments, gateway, recorder, ids, clock),
      get: new GetPaymentUseCase(payments, bookings),
      handleGatewayEvent: new HandleGatewayEventUseCase(uow, payments, settlement, refunds, clock),
      refund: new RefundPaymentUseCase(uow, payments, bookings, events, refunds),
    },
    waitlist: {
      join: new JoinWaitlistUseCase(uow, events, bookings, waitlist, recorder, clock, ids),
      listMine: new ListMyWaitlistUseCase(waitlist),
      listForEvent: new ListEventWaitlistUseCase(events, waitlist),
      claim: new ClaimOfferUseCase(uow, events, bookings, waitlist, recorder, clock, ids, ticketCodes, { bookingTtlMinutes: settings.bookingTtlMinutes }),
      leave: new LeaveWaitlistUseCase(uow, events, waitlist, offers, recorder, clock),
      process: new ProcessEventWaitlistUseCase(uow, events, offers),
      expireOffers,
    },
    admin: {
      bulkCancel: new BulkCancelEventsUseCase(events, cancelEvent, idempotency, clock),
      bulkReschedule: new BulkRescheduleEventsUseCase(events, rescheduler, idempotency, clock),
      reconcile: new ReconcileSeatCountersUseCase(uow, events, bookings, waitlist, recorder),
      queryAudit: new QueryAuditUseCase(audit),
      listOutbox: new ListOutboxUseCase(outbox),
      outboxStats: new OutboxStatsUseCase(outbox),
      retryOutbox: new RetryOutboxUseCase(uow, outbox, clock),
      popularEvents: new PopularEventsUseCase(bookings, events),
    },
    jobs: createJobs({ expireBookings, expireOffers, publishDue, completeDue, retryCrew, refunds, sendReminders, purgeAudit }),
  };
}

export type UseCases = ReturnType<typeof createUseCases>;
