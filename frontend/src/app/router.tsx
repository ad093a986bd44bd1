import type { ComponentType } from 'react';
import { createBrowserRouter } from 'react-router';
import { LoginPage } from '../features/identity/components/LoginPage';
import type { Permission } from '../shared/api/types';
import { ShellSkeleton } from '../shared/ui/ShellSkeleton';
import { loadAllTexts } from './i18n';

/**
 * A page behind a permission, its code (and the guards') loaded when it is first opened;
 * `orderRoles`: those who act on production orders may open it without the permission.
 */
function page(permission: Permission, load: () => Promise<ComponentType>, orderRoles = false) {
  return async () => {
    const [Page, { RequirePermission, ORDER_ROLES }] = await Promise.all([load(), import('./guards')]);
    return {
      element: (
        <RequirePermission permission={permission} roles={orderRoles ? ORDER_ROLES : undefined}>
          <Page />
        </RequirePermission>
      ),
    };
  };
}

/** The finance area's pages: one chunk, so this file (the login page's) lists its dependencies once. */
const financePages = () => import('../features/finance/components/financePages');
/** The productions' list and profile, one chunk as well. */
const productionPages = () => import('../features/production/components/productionPages');
/** The settlements with the productions, one chunk. */
const settlementPages = () => import('../features/production/settlements/components/settlementsPages');
/** Production orders, a chunk of their own. */
const productionOrders = () => import('../features/production/components/ProductionOrdersPage').then((m) => m.ProductionOrdersPage);
/** «Распределение», the distributors' queue (the page itself turns away all but the assigning roles). */
const distributionQueue = () => import('../features/production/components/DistributionQueuePage').then((m) => m.DistributionQueuePage);

// The login page is all the main chunk holds; the signed-in app (query cache, guards, shell, every
// page and the texts of every feature) loads on demand.
export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    // While the shell's code loads on a first visit: its outline, not a blank page.
    hydrateFallbackElement: <ShellSkeleton />,
    lazy: async () => {
      const [{ SignedIn }] = await Promise.all([import('./SignedIn'), loadAllTexts()]);
      return { element: <SignedIn /> };
    },
    children: [
      {
        index: true,
        lazy: async () => {
          const { HomeRedirect } = await import('./guards');
          return { element: <HomeRedirect /> };
        },
      },
      { path: 'tasks', lazy: page('tasks.use', () => import('../features/work/components/MyDayPage').then((m) => m.MyDayPage)) },
      { path: 'leads', lazy: page('leads.read', () => import('../features/sales/components/LeadsPage').then((m) => m.LeadsPage)) },
      { path: 'leads/new', lazy: page('leads.write', () => import('../features/sales/components/NewLeadPage').then((m) => m.NewLeadPage)) },
      { path: 'leads/:id', lazy: page('leads.read', () => import('./LeadPage').then((m) => m.LeadPage)) },
      { path: 'deals', lazy: page('deals.read', () => import('../features/sales/components/DealsPage').then((m) => m.DealsPage)) },
      { path: 'deals/new', lazy: page('deals.write', () => import('../features/sales/components/NewDealPage').then((m) => m.NewDealPage)) },
      { path: 'deals/:id', lazy: page('deals.read', () => import('./DealPage').then((m) => m.DealPage)) },
      { path: 'queues/:kind', lazy: page('tasks.use', () => import('../features/work/components/QueuePage').then((m) => m.QueuePage)) },
      { path: 'requests/:id', lazy: page('tasks.use', () => import('../features/work/components/RequestPage').then((m) => m.RequestPage)) },
      { path: 'admin/pipelines', lazy: page('pipelines.manage', () => import('../features/pipelines/components/PipelinesPage').then((m) => m.PipelinesPage)) },
      { path: 'admin/pipelines/:id', lazy: page('pipelines.manage', () => import('../features/pipelines/components/PipelineEditorPage').then((m) => m.PipelineEditorPage)) },
      { path: 'clients', lazy: page('clients.read', () => import('../features/clients/components/ClientsPage').then((m) => m.ClientsPage)) },
      { path: 'clients/new', lazy: page('clients.write', () => import('../features/clients/components/NewClientPage').then((m) => m.NewClientPage)) },
      { path: 'clients/:id', lazy: page('clients.read', () => import('../features/clients/components/ClientCardPage').then((m) => m.ClientCardPage)) },
      { path: 'catalogue', lazy: page('catalogue.read', () => import('../features/documents/catalogue/components/CataloguePage').then((m) => m.CataloguePage)) },
      { path: 'catalogue/price-lists/:id', lazy: page('catalogue.read', () => import('../features/documents/catalogue/components/PriceListPage').then((m) => m.PriceListPage)) },
      { path: 'payments', lazy: page('payments.read', () => financePages().then((m) => m.PaymentsPage)) },
      { path: 'payments/import', lazy: page('payments.record', () => financePages().then((m) => m.StatementImportPage)) },
      { path: 'receivables', lazy: page('payments.read', () => financePages().then((m) => m.ReceivablesPage)) },
      { path: 'shipments', lazy: page('shipments.record', () => financePages().then((m) => m.ShipmentsPage)) },
      { path: 'productions', lazy: page('productions.read', () => productionPages().then((m) => m.ProductionsPage)) },
      { path: 'productions/:id', lazy: page('productions.read', () => productionPages().then((m) => m.ProductionPage)) },
      { path: 'production-orders', lazy: page('productions.read', productionOrders, true) },
      { path: 'distribution', lazy: page('productions.read', distributionQueue) },
      { path: 'settlements', lazy: page('settlements.read', () => settlementPages().then((m) => m.SettlementsPage)) },
      { path: 'settlements/:productionId', lazy: page('settlements.read', () => settlementPages().then((m) => m.SettlementPage)) },
      { path: 'admin/reminders', lazy: page('reminders.manage', () => financePages().then((m) => m.RemindersPage)) },
      { path: 'admin/requisites', lazy: page('organizations.manage', () => import('../features/identity/components/RequisitesPage').then((m) => m.RequisitesPage)) },
      { path: 'admin/users', lazy: page('users.manage', () => import('../features/identity/components/UsersPage').then((m) => m.UsersPage)) },
      { path: 'admin/api-keys', lazy: page('api_keys.manage', () => import('../features/identity/components/ApiKeysPage').then((m) => m.ApiKeysPage)) },
      { path: 'admin/banks', lazy: page('banks.import', () => import('../features/clients/components/BanksImportPage').then((m) => m.BanksImportPage)) },
      { path: 'organizations', lazy: page('organizations.read', () => import('../features/identity/components/OrganizationsPage').then((m) => m.OrganizationsPage)) },
      {
        path: '*',
        lazy: async () => {
          const { NotFound } = await import('../shared/ui/NotFound');
          return { element: <NotFound /> };
        },
      },
    ],
  },
]);
