import { createBrowserRouter } from 'react-router';
import { LoginPage } from '../features/identity/components/LoginPage';
import { NotFound } from '../shared/ui/NotFound';
import { ShellSkeleton } from '../shared/ui/ShellSkeleton';
import { HomeRedirect, RequireAuth, RequirePermission } from './guards';

// The login page is all the main chunk holds; the shell and every page load on demand.
export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    // While the shell's code loads on a first visit: its outline, not a blank page.
    hydrateFallbackElement: <ShellSkeleton />,
    lazy: async () => {
      const { Shell } = await import('./Shell');
      return {
        element: (
          <RequireAuth>
            <Shell />
          </RequireAuth>
        ),
      };
    },
    children: [
      { index: true, element: <HomeRedirect /> },
      {
        path: 'tasks',
        lazy: async () => {
          const { MyDayPage } = await import('../features/work/components/MyDayPage');
          return {
            element: (
              <RequirePermission permission="tasks.use">
                <MyDayPage />
              </RequirePermission>
            ),
          };
        },
      },
      {
        path: 'leads',
        lazy: async () => {
          const { LeadsPage } = await import('../features/sales/components/LeadsPage');
          return {
            element: (
              <RequirePermission permission="leads.read">
                <LeadsPage />
              </RequirePermission>
            ),
          };
        },
      },
      {
        path: 'leads/new',
        lazy: async () => {
          const { NewLeadPage } = await import('../features/sales/components/NewLeadPage');
          return {
            element: (
              <RequirePermission permission="leads.write">
                <NewLeadPage />
              </RequirePermission>
            ),
          };
        },
      },
      {
        path: 'leads/:id',
        lazy: async () => {
          const { LeadCardPage } = await import('../features/sales/components/LeadCardPage');
          return {
            element: (
              <RequirePermission permission="leads.read">
                <LeadCardPage />
              </RequirePermission>
            ),
          };
        },
      },
      {
        path: 'deals',
        lazy: async () => {
          const { DealsPage } = await import('../features/sales/components/DealsPage');
          return {
            element: (
              <RequirePermission permission="deals.read">
                <DealsPage />
              </RequirePermission>
            ),
          };
        },
      },
      {
        path: 'deals/new',
        lazy: async () => {
          const { NewDealPage } = await import('../features/sales/components/NewDealPage');
          return {
            element: (
              <RequirePermission permission="deals.write">
                <NewDealPage />
              </RequirePermission>
            ),
          };
        },
      },
      {
        path: 'deals/:id',
        lazy: async () => {
          const { DealCardPage } = await import('../features/sales/components/DealCardPage');
          return {
            element: (
              <RequirePermission permission="deals.read">
                <DealCardPage />
              </RequirePermission>
            ),
          };
        },
      },
      {
        path: 'queues/:kind',
        lazy: async () => {
          const { QueuePage } = await import('../features/work/components/QueuePage');
          return {
            element: (
              <RequirePermission permission="tasks.use">
                <QueuePage />
              </RequirePermission>
            ),
          };
        },
      },
      {
        path: 'requests/:id',
        lazy: async () => {
          const { RequestPage } = await import('../features/work/components/RequestPage');
          return {
            element: (
              <RequirePermission permission="tasks.use">
                <RequestPage />
              </RequirePermission>
            ),
          };
        },
      },
      {
        path: 'admin/pipelines',
        lazy: async () => {
          const { PipelinesPage } = await import('../features/pipelines/components/PipelinesPage');
          return {
            element: (
              <RequirePermission permission="pipelines.manage">
                <PipelinesPage />
              </RequirePermission>
            ),
          };
        },
      },
      {
        path: 'admin/pipelines/:id',
        lazy: async () => {
          const { PipelineEditorPage } = await import('../features/pipelines/components/PipelineEditorPage');
          return {
            element: (
              <RequirePermission permission="pipelines.manage">
                <PipelineEditorPage />
              </RequirePermission>
            ),
          };
        },
      },
      {
        path: 'clients',
        lazy: async () => {
          const { ClientsPage } = await import('../features/clients/components/ClientsPage');
          return {
            element: (
              <RequirePermission permission="clients.read">
                <ClientsPage />
              </RequirePermission>
            ),
          };
        },
      },
      {
        path: 'clients/new',
        lazy: async () => {
          const { NewClientPage } = await import('../features/clients/components/NewClientPage');
          return {
            element: (
              <RequirePermission permission="clients.write">
                <NewClientPage />
              </RequirePermission>
            ),
          };
        },
      },
      {
        path: 'clients/:id',
        lazy: async () => {
          const { ClientCardPage } = await import('../features/clients/components/ClientCardPage');
          return {
            element: (
              <RequirePermission permission="clients.read">
                <ClientCardPage />
              </RequirePermission>
            ),
          };
        },
      },
      {
        path: 'admin/users',
        lazy: async () => {
          const { UsersPage } = await import('../features/identity/components/UsersPage');
          return {
            element: (
              <RequirePermission permission="users.manage">
                <UsersPage />
              </RequirePermission>
            ),
          };
        },
      },
      {
        path: 'admin/api-keys',
        lazy: async () => {
          const { ApiKeysPage } = await import('../features/identity/components/ApiKeysPage');
          return {
            element: (
              <RequirePermission permission="api_keys.manage">
                <ApiKeysPage />
              </RequirePermission>
            ),
          };
        },
      },
      {
        path: 'admin/banks',
        lazy: async () => {
          const { BanksImportPage } = await import('../features/clients/components/BanksImportPage');
          return {
            element: (
              <RequirePermission permission="banks.import">
                <BanksImportPage />
              </RequirePermission>
            ),
          };
        },
      },
      {
        path: 'organizations',
        lazy: async () => {
          const { OrganizationsPage } = await import('../features/identity/components/OrganizationsPage');
          return {
            element: (
              <RequirePermission permission="organizations.read">
                <OrganizationsPage />
              </RequirePermission>
            ),
          };
        },
      },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
