export { cancelRefundKey, findPaidPayment, paymentRefundKey } from './paid-payment.js';
export { RefundService, type RefundProcessing, type RefundRequest } from './refund.service.js';
export {
  mismatchOf,
  PaymentSettlement,
  type GatewayReport,
  type Settlement,
  type SettlementOutcome,
} from './payment-settlement.service.js';
export { HandleGatewayEventUseCase, type GatewayEventOutcome, type GatewayEventRequest, type HandledGatewayEvent } from './handle-gateway-event.use-case.js';
export { InitiatePaymentUseCase, type InitiatePaymentRequest } from './initiate-payment.use-case.js';
export { GetPaymentUseCase } from './get-payment.use-case.js';
export { RefundPaymentUseCase, type RefundedPayment, type RefundPaymentRequest } from './refund-payment.use-case.js';
