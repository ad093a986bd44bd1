import { describe, expect, it } from 'vitest';
import { productionOrdersEn } from '../i18n/ordersEn';
import { productionOrdersRu } from '../i18n/ordersRu';
import { actionFields, BOARD_STAGES, buildActionBody, ENDED_STAGES, formatDay, formatMoment, isOverdue, offsetOfPage, ORDER_STATES, pageCount, shownActions } from './orders';

describe('production orders: names', () => {
  it('names every stage and step as the domain does (name_ru)', () => {
    const { states, actions } = productionOrdersRu.productionOrders;
    expect(Object.keys(states).sort()).toEqual([...ORDER_STATES].sort());
    expect(states.accepted).toBe('Принят производством');
    expect(states.documents_received).toBe('Закрывающие документы получены');
    expect(actions.accept).toBe('Принять заказ');
    expect(actions.decline).toBe('Отказаться от заказа');
    expect(actions.accept_with_deduction).toBe('Принять с уценкой');
    expect(Object.keys(productionOrdersEn.productionOrders.states).sort()).toEqual(Object.keys(states).sort());
  });

  it('offers exactly the allowed steps, less the assignment (made on the deal)', () => {
    expect(shownActions(['accept', 'decline'])).toEqual(['accept', 'decline']);
    expect(shownActions(['receive_closing_documents', 'cancel', 'assign'])).toEqual(['receive_closing_documents', 'cancel']);
    expect(shownActions([])).toEqual([]);
  });

  it('asks for what each step carries, and nothing for the one-click ones', () => {
    expect(actionFields('accept')).toEqual([]);
    expect(actionFields('start_production')).toEqual([]);
    expect(actionFields('decline')).toEqual(['reason']);
    expect(actionFields('cancel')).toEqual(['reason']);
    expect(actionFields('ship')).toEqual(['carrier', 'waybill', 'cost', 'eta']);
    expect(actionFields('record_defects')).toEqual(['defect_kind', 'description', 'quantity']);
    expect(actionFields('pass_quality')).toEqual(['checklist.thickness', 'checklist.colour', 'checklist.count', 'checklist.packaging']);
    expect(actionFields('receive_closing_documents')).toEqual(['scan']);
    expect(actionFields('accept_with_deduction')).toEqual(['deduction']);
    expect(actionFields('record_payment')).toEqual(['amount']);
  });
});

describe('production orders: the action’s body', () => {
  it('sends a one-click step with the version read', () => {
    expect(buildActionBody('accept', 7, {})).toEqual({ ok: true, body: { action: 'accept', version: 7 } });
  });

  it('requires a reason to decline, trimmed', () => {
    expect(buildActionBody('decline', 2, { reason: '   ' })).toEqual({ ok: false, errors: { reason: 'required' } });
    expect(buildActionBody('decline', 2, { reason: ' Линия на ремонте ' })).toEqual({ ok: true, body: { action: 'decline', version: 2, reason: 'Линия на ремонте' } });
  });

  it('reads a shipment’s cost the Russian way; zero is a cost', () => {
    expect(buildActionBody('ship', 3, { carrier: 'Деловые линии', waybill: 'ДЛ-778812', cost: '12 500,5' })).toEqual({
      ok: true,
      body: { action: 'ship', version: 3, carrier: 'Деловые линии', waybill: 'ДЛ-778812', cost: '12500.50' },
    });
    expect(buildActionBody('ship', 3, { carrier: 'Сами', waybill: '1', cost: '0' })).toMatchObject({ ok: true, body: { cost: '0.00' } });
    expect(buildActionBody('ship', 3, { carrier: '', waybill: 'x', cost: 'двенадцать' })).toEqual({ ok: false, errors: { carrier: 'required', cost: 'money' } });
  });

  it('takes the expected delivery date typed the Russian way, or none', () => {
    expect(buildActionBody('ship', 3, { carrier: 'ПЭК', waybill: '1', cost: '0', eta: '05.12.2026' })).toMatchObject({ ok: true, body: { eta: '2026-12-05' } });
    expect(buildActionBody('ship', 3, { carrier: 'ПЭК', waybill: '1', cost: '0', eta: '2026-12-05' })).toMatchObject({ ok: true, body: { eta: '2026-12-05' } });
    expect(buildActionBody('ship', 3, { carrier: 'ПЭК', waybill: '1', cost: '0', eta: '31.02.2026' })).toEqual({ ok: false, errors: { eta: 'date' } });
    const none = buildActionBody('ship', 3, { carrier: 'ПЭК', waybill: '1', cost: '0', eta: ' ' });
    expect(none.ok && 'eta' in none.body).toBe(false);
  });

  it('sends the quality checklist as ticked, every point (the server names the unticked ones)', () => {
    expect(buildActionBody('pass_quality', 6, { 'checklist.thickness': 'true', 'checklist.colour': 'true', 'checklist.count': 'false' })).toEqual({
      ok: true,
      body: { action: 'pass_quality', version: 6, checklist: { thickness: true, colour: true, count: false, packaging: false } },
    });
  });

  it('asks the defect’s kind and the closing documents’ scan', () => {
    expect(buildActionBody('record_defects', 4, { description: 'Сколы', quantity: '2' })).toEqual({ ok: false, errors: { defect_kind: 'required' } });
    expect(buildActionBody('record_defects', 4, { defect_kind: 'colour', description: 'Сколы', quantity: '2' })).toMatchObject({ ok: true, body: { defect_kind: 'colour' } });
    expect(buildActionBody('receive_closing_documents', 9, {})).toEqual({ ok: false, errors: { scan: 'required' } });
    expect(buildActionBody('receive_closing_documents', 9, { scan: 'f1' })).toEqual({ ok: true, body: { action: 'receive_closing_documents', version: 9, scan: 'f1' } });
  });

  it('reads the defects’ area in m² with a comma, up to two decimals', () => {
    expect(buildActionBody('record_defects', 4, { defect_kind: 'count', description: 'Сколы', quantity: '12,5' })).toEqual({
      ok: true,
      body: { action: 'record_defects', version: 4, defect_kind: 'count', description: 'Сколы', quantity: '12.5' },
    });
    expect(buildActionBody('record_defects', 4, { defect_kind: 'count', description: 'Сколы', quantity: '1,255' })).toEqual({ ok: false, errors: { quantity: 'number' } });
    expect(buildActionBody('record_defects', 4, { defect_kind: 'count', description: 'Сколы', quantity: '' })).toEqual({ ok: false, errors: { quantity: 'required' } });
  });

  it('reads a deduction and a payment as money', () => {
    expect(buildActionBody('accept_with_deduction', 5, { deduction: '1 500 ₽' })).toEqual({ ok: true, body: { action: 'accept_with_deduction', version: 5, deduction: '1500.00' } });
    expect(buildActionBody('record_payment', 1, { amount: '74\u00a0250,00' })).toEqual({ ok: true, body: { action: 'record_payment', version: 1, amount: '74250.00' } });
    expect(buildActionBody('record_payment', 1, { amount: '' })).toEqual({ ok: false, errors: { amount: 'required' } });
  });
});

describe('production orders: dates and pages', () => {
  it('shows a due date as the day it is, whatever the time zone', () => {
    expect(formatDay('2026-12-12')).toBe('12.12.2026');
    expect(formatDay(null)).toBe('');
  });

  it('shows a step’s moment as «30.11.2026 17:05»', () => {
    expect(formatMoment('2026-11-30T17:05:00')).toBe('30.11.2026 17:05');
    expect(formatMoment('nonsense')).toBe('nonsense');
  });

  it('pages by twenty', () => {
    expect(pageCount(0)).toBe(1);
    expect(pageCount(20)).toBe(1);
    expect(pageCount(21)).toBe(2);
    expect(offsetOfPage(1)).toBe(0);
    expect(offsetOfPage(3)).toBe(40);
  });
});

describe('the board', () => {
  it('has a column per open stage, in the order an order goes through them, and none for the ended ones', () => {
    expect(BOARD_STAGES).toEqual(['assigned', 'accepted', 'in_production', 'done', 'defects_found', 'quality_passed', 'shipped', 'documents_received']);
    expect([...BOARD_STAGES, ...ENDED_STAGES].sort()).toEqual([...ORDER_STATES].sort());
  });

  it('calls an order overdue when its due day has passed before the tiles left the production', () => {
    expect(isOverdue({ state: 'in_production', due_date: '2026-11-29' }, '2026-11-30')).toBe(true);
    expect(isOverdue({ state: 'quality_passed', due_date: '2026-11-29' }, '2026-11-30')).toBe(true);
    expect(isOverdue({ state: 'in_production', due_date: '2026-11-30' }, '2026-11-30')).toBe(false);
    expect(isOverdue({ state: 'shipped', due_date: '2026-11-01' }, '2026-11-30')).toBe(false);
    expect(isOverdue({ state: 'closed', due_date: '2026-11-01' }, '2026-11-30')).toBe(false);
  });
});
