import { Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ItemsTab } from './ItemsTab';
import { PriceListsTab } from './PriceListsTab';
import { RatesTab } from './RatesTab';

const TABS = ['items', 'price-lists', 'rates'] as const;

/** «Каталог»: its items, the price lists and the exchange rates, a tab each (the tab in the URL). */
export function CataloguePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((x) => x === params.get('tab')) ?? 'items';
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('catalogue.title')}
      </Title>
      <Tabs
        value={tab}
        // A tab's own filters stay behind when another tab opens.
        onChange={(v) => setParams(v && v !== 'items' ? { tab: v } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="items">{t('catalogue.tabs.items')}</Tabs.Tab>
          <Tabs.Tab value="price-lists">{t('catalogue.tabs.priceLists')}</Tabs.Tab>
          <Tabs.Tab value="rates">{t('catalogue.tabs.rates')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="items" pt="md">
          <ItemsTab />
        </Tabs.Panel>
        <Tabs.Panel value="price-lists" pt="md">
          <PriceListsTab />
        </Tabs.Panel>
        <Tabs.Panel value="rates" pt="md">
          <RatesTab />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
