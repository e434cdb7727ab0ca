export { toPromoCodeView, type PromoCodeView } from './promo-code.view.js';
export { CreatePromoCodeUseCase, type CreatePromoCodeRequest } from './create-promo-code.use-case.js';
export { UpdatePromoCodeUseCase, type UpdatePromoCodeRequest } from './update-promo-code.use-case.js';
export { GetPromoCodeUseCase } from './get-promo-code.use-case.js';
export { ListPromoCodesUseCase, type ListPromoCodesRequest } from './list-promo-codes.use-case.js';
export { ValidatePromoCodeUseCase, type PromoValidation, type ValidatePromoCodeRequest } from './validate-promo-code.use-case.js';
