import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoreInfo } from '../../../shared/api/store';
import type { Permission } from '../../../shared/permissions';
import type { PersonSession } from '../auth/person-session';
import { ApprovalsPanel } from './ApprovalsPanel';
import { InvoiceDetail } from './InvoiceDetail';
import { InvoiceList } from './InvoiceList';
import { NewOrder } from './NewOrder';
import { OrderDetail } from './OrderDetail';
import { OrderList } from './OrderList';
import { may, type PurchasingContext, purchasingProblem } from './purchasing-context';
import './purchasing.css';

type Tab = 'orders' | 'new' | 'approvals' | 'invoices';

/** Each tab and the permission it needs: a person is offered only the tabs they may use. */
const TABS: readonly { tab: Tab; needs: Permission }[] = [
  { tab: 'orders', needs: 'purchase_requests.read' },
  { tab: 'new', needs: 'purchase_orders.place' },
  { tab: 'approvals', needs: 'purchase_requests.approve' },
  { tab: 'invoices', needs: 'invoices.read' },
];

export interface PurchasingScreenProps {
  /** who is logged in at the display: purchasing is read by a person, never by the display alone */
  person: PersonSession | undefined;
  /** the person for an action, asking for a PIN first when nobody is (App's `asPerson`) */
  signIn: (action: string) => Promise<PersonSession>;
  users: StoreInfo['users'];
  timezone: string;
  now: number;
}

/**
 * Purchase-to-pay on the back-office tablet (采购): orders to suppliers, goods received
 * against them. Who may do what comes from the shared permission table, so the
 * purchaser is offered ordering, the receiver receiving, and neither the other's steps;
 * the edge checks every step again and its refusals are shown as it words them.
 */
export function PurchasingScreen({ person, signIn, users, timezone, now }: PurchasingScreenProps) {
  const { t, i18n } = useTranslation();
  const [tab, setTab] = useState<Tab>('orders');
  const [orderId, setOrderId] = useState<number | undefined>();
  const [invoiceId, setInvoiceId] = useState<number | undefined>();
  const [version, setVersion] = useState(0);
  const [problem, setProblem] = useState<string | undefined>();

  if (!person) {
    return (
      <section
        className="stock-screen po-screen"
        data-testid="purchasing-screen"
        aria-label={t('purchasing.title')}
      >
        <h1 className="stock-title">{t('purchasing.title')}</h1>
        <p className="empty">{t('purchasing.loginFirst')}</p>
        {problem ? (
          <p className="dialog-error notice" role="alert">
            {problem}
          </p>
        ) : null}
        <button
          type="button"
          className="primary"
          onClick={() => {
            setProblem(undefined);
            signIn(t('purchasing.viewAction')).catch((err: unknown) =>
              setProblem(purchasingProblem(err, t, i18n.language)),
            );
          }}
        >
          {t('purchasing.login')}
        </button>
      </section>
    );
  }

  const ctx: PurchasingContext = {
    person,
    signIn,
    users,
    timezone,
    now,
    version,
    changed: () => setVersion((v) => v + 1),
  };
  const tabs = TABS.filter((entry) => may(ctx, entry.needs));
  const shown = tabs.some((entry) => entry.tab === tab) ? tab : 'orders';

  return (
    <section
      className="stock-screen po-screen"
      data-testid="purchasing-screen"
      aria-label={t('purchasing.title')}
    >
      <h1 className="stock-title">{t('purchasing.title')}</h1>
      <nav className="stock-tabs" aria-label={t('purchasing.sections')}>
        {tabs.map(({ tab: name }) => (
          <button
            key={name}
            type="button"
            className={`nav-button ${shown === name && orderId === undefined && invoiceId === undefined ? 'active' : ''}`}
            aria-current={shown === name && orderId === undefined && invoiceId === undefined}
            onClick={() => {
              setTab(name);
              setOrderId(undefined);
              setInvoiceId(undefined);
            }}
          >
            {t(`purchasing.tab.${name}`)}
          </button>
        ))}
      </nav>
      {orderId !== undefined ? (
        <>
          <button type="button" className="secondary po-back" onClick={() => setOrderId(undefined)}>
            ← {t('purchasing.detail.back')}
          </button>
          <OrderDetail
            ctx={ctx}
            orderId={orderId}
            onOpenInvoice={(id) => {
              setOrderId(undefined);
              setTab('invoices');
              setInvoiceId(id);
            }}
          />
        </>
      ) : null}
      {invoiceId !== undefined ? (
        <>
          <button type="button" className="secondary po-back" onClick={() => setInvoiceId(undefined)}>
            ← {t('purchasing.invoices.title')}
          </button>
          <InvoiceDetail ctx={ctx} invoiceId={invoiceId} />
        </>
      ) : null}
      {orderId === undefined && invoiceId === undefined && shown === 'approvals' ? (
        <ApprovalsPanel ctx={ctx} />
      ) : null}
      {orderId === undefined && invoiceId === undefined && shown === 'invoices' ? (
        <InvoiceList ctx={ctx} onOpen={setInvoiceId} />
      ) : null}
      {orderId === undefined && shown === 'orders' ? <OrderList ctx={ctx} onOpen={setOrderId} /> : null}
      {orderId === undefined && shown === 'new' ? (
        <NewOrder
          ctx={ctx}
          onCreated={(id) => {
            setTab('orders');
            setOrderId(id);
          }}
        />
      ) : null}
    </section>
  );
}
