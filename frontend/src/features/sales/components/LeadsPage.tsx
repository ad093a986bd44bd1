import { SalesBoardPage } from './SalesBoardPage';

export function LeadsPage() {
  return <SalesBoardPage kind="lead" />;
}
