// Every text of the app in one tree per language: the shell's (`shared/i18n`) and each feature's
// (`features/<area>/i18n`; a part of an area in `features/<area>/<part>/i18n`, the catalogue in
// documents, the deal's money in finance, the settlements in production). Assembled here because shared must not import features. Loaded with the shell
// (`loadAllTexts` in `app/i18n.ts`): the login page needs only its own few.
import { catalogueEn } from '../features/documents/catalogue/i18n/en';
import { catalogueRu } from '../features/documents/catalogue/i18n/ru';
import { clientsEn } from '../features/clients/i18n/en';
import { clientsRu } from '../features/clients/i18n/ru';
import { documentsEn } from '../features/documents/i18n/en';
import { documentsRu } from '../features/documents/i18n/ru';
import { financeEn } from '../features/finance/i18n/en';
import { financeRu } from '../features/finance/i18n/ru';
import { financeDealEn } from '../features/finance/deal/i18n/en';
import { financeDealRu } from '../features/finance/deal/i18n/ru';
import { identityEn } from '../features/identity/i18n/en';
import { identityRu } from '../features/identity/i18n/ru';
import { notificationsEn } from '../features/notifications/i18n/en';
import { notificationsRu } from '../features/notifications/i18n/ru';
import { pipelinesEn } from '../features/pipelines/i18n/en';
import { pipelinesRu } from '../features/pipelines/i18n/ru';
import { distributionEn } from '../features/production/i18n/distributionEn';
import { distributionRu } from '../features/production/i18n/distributionRu';
import { productionEn } from '../features/production/i18n/en';
import { productionOrdersEn } from '../features/production/i18n/ordersEn';
import { productionOrdersRu } from '../features/production/i18n/ordersRu';
import { productionRu } from '../features/production/i18n/ru';
import { settlementsEn } from '../features/production/settlements/i18n/en';
import { settlementsRu } from '../features/production/settlements/i18n/ru';
import { salesEn } from '../features/sales/i18n/en';
import { salesRu } from '../features/sales/i18n/ru';
import { searchEn } from '../features/search/i18n/en';
import { searchRu } from '../features/search/i18n/ru';
import { workEn } from '../features/work/i18n/en';
import { workRu } from '../features/work/i18n/ru';
import { sharedEn } from '../shared/i18n/en';
import { sharedRu } from '../shared/i18n/ru';
import { mergeTexts, type Widen } from '../shared/i18n/texts';

/** Russian is the source language: every key starts here. */
export const ru = mergeTexts(sharedRu, identityRu, clientsRu, pipelinesRu, salesRu, workRu, notificationsRu, searchRu, catalogueRu, documentsRu, financeRu, financeDealRu, productionRu, productionOrdersRu, distributionRu, settlementsRu);

/** The shape every translation must have. */
export type Messages = Widen<typeof ru>;

export const en: Messages = mergeTexts(sharedEn, identityEn, clientsEn, pipelinesEn, salesEn, workEn, notificationsEn, searchEn, catalogueEn, documentsEn, financeEn, financeDealEn, productionEn, productionOrdersEn, distributionEn, settlementsEn);
