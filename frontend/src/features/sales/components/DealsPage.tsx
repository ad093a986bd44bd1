import { SalesBoardPage } from './SalesBoardPage';

export function DealsPage() {
  return <SalesBoardPage kind="deal" />;
}
