import { useTranslation } from 'react-i18next';
import type { KdsLineView, KdsStationView, KdsTicketView } from '../../../shared/api/kds';
import type { KdsNames } from './kds-names';
import { ReadinessChips } from './ReadinessChips';
import { ageLevel, formatCountdown, formatElapsed } from './ticket-age';

interface TicketCardProps {
  ticket: KdsTicketView;
  station: KdsStationView | undefined;
  names: KdsNames;
  now: number;
  /** the ticket's place on screen, 1–9 keyed on the bump bar */
  position: number;
  /** several stations on one screen: each card says whose it is */
  showStation: boolean;
  /** where a chained ticket came from */
  chainedFrom: readonly string[];
  selected: boolean;
  selectedLineId: string | undefined;
  onSelect: (ticketId: number, lineId?: string) => void;
  onFire: (orderId: number, course: number) => void;
}

/** Shapes beside the words, so lateness reads without colour too. */
const AGE_ICON = { ok: '●', warn: '▲', late: '■' } as const;

/**
 * One kitchen ticket: order number, channel and table, the time it has waited (its
 * colour, word and shape from the station's thresholds), then its lines. Removed and
 * voided quantities are struck through, never hidden; an allergy is outlined and said.
 */
export function TicketCard(props: TicketCardProps) {
  const { ticket, station, names, now, position, showStation, selected, selectedLineId, onSelect } = props;
  const { t } = useTranslation();
  const age = now - ticket.createdAt;
  const level = station ? ageLevel(age, station) : 'ok';
  const held = heldCourses(ticket);
  return (
    // A card holds buttons of its own, so it cannot be one.
    // biome-ignore lint/a11y/useKeyWithClickEvents: the bump bar (KdsMode) is the cards' keyboard
    <article
      className={`kds-card kds-age-${level} ${selected ? 'kds-selected' : ''} ${ticket.orderVoided ? 'kds-card-voided' : ''}`}
      data-testid={`kds-ticket-${ticket.id}`}
      data-age={level}
      data-selected={selected}
      aria-current={selected}
      onClick={() => onSelect(ticket.id)}
    >
      <header className="kds-card-head">
        <span className="kds-position" aria-hidden="true">
          {position <= 9 ? position : ''}
        </span>
        <span className="kds-order" title={ticket.orderExternalId}>
          #{ticket.orderExternalId}
        </span>
        <span className="kds-timer" data-testid={`kds-timer-${ticket.id}`}>
          <span className="kds-age-icon" aria-hidden="true">
            {AGE_ICON[level]}
          </span>
          {level !== 'ok' ? <strong className="kds-age-word">{t(`kds.age.${level}`)}</strong> : null}
          <span className="kds-elapsed">{formatElapsed(age)}</span>
        </span>
      </header>
      <div className="kds-card-meta">
        <span className={`kds-channel kds-channel-${ticket.channel}`}>
          {t(`kds.channel.${ticket.channel}`)}
        </span>
        {ticket.table ? <span className="kds-table">{t('kds.table', { table: ticket.table })}</span> : null}
        {ticket.guestName ? <span className="kds-guest">{ticket.guestName}</span> : null}
        {ticket.kind === 'addition' ? (
          <span className="kds-badge kds-badge-add">{t('kds.addition')}</span>
        ) : null}
        {ticket.kind === 'chained' ? (
          <span className="kds-badge kds-badge-chained">
            {props.chainedFrom.length > 0
              ? t('kds.chainedFrom', { station: props.chainedFrom.join(' / ') })
              : t('kds.chained')}
          </span>
        ) : null}
        {ticket.recalledAt !== undefined ? (
          <span className="kds-badge kds-badge-recalled">{t('kds.recalled')}</span>
        ) : null}
        {showStation ? <span className="kds-card-station">{names.station(ticket.station)}</span> : null}
      </div>
      {ticket.orderVoided ? (
        <p className="kds-void-word" role="status">
          ✖ {t('kds.voided')}
        </p>
      ) : null}
      <ul className="kds-lines">
        {ticket.lines.map((line) => (
          <TicketLine
            key={line.lineId}
            ticketId={ticket.id}
            line={line}
            names={names}
            now={now}
            struck={ticket.orderVoided}
            selected={selected && selectedLineId === line.lineId}
            onSelect={() => onSelect(ticket.id, line.lineId)}
          />
        ))}
      </ul>
      {ticket.readiness ? (
        <ReadinessChips ticketId={ticket.id} readiness={ticket.readiness} names={names} />
      ) : null}
      {held.length > 0 && !ticket.orderVoided ? (
        <div className="kds-fire">
          {held.map((course) => (
            <button
              key={course}
              type="button"
              className="secondary kds-fire-button"
              data-testid={`kds-fire-${ticket.id}-${course}`}
              onClick={(e) => {
                e.stopPropagation();
                props.onFire(ticket.orderId, course);
              }}
            >
              {t('kds.fire', { course })}
            </button>
          ))}
        </div>
      ) : null}
    </article>
  );
}

/** Courses on this ticket held until someone fires them (pending without a time). */
export function heldCourses(ticket: KdsTicketView): number[] {
  const courses = new Set<number>();
  for (const line of ticket.lines)
    if (line.state === 'pending' && line.firesAt === undefined) courses.add(line.course);
  return [...courses].sort((a, b) => a - b);
}

interface TicketLineProps {
  ticketId: number;
  line: KdsLineView;
  names: KdsNames;
  now: number;
  /** the whole order was voided */
  struck: boolean;
  selected: boolean;
  onSelect: () => void;
}

function TicketLine({ ticketId, line, names, now, struck, selected, onSelect }: TicketLineProps) {
  const { t } = useTranslation();
  const voided = struck || line.state === 'voided';
  const classes = [
    'kds-line',
    `kds-line-${line.state}`,
    voided ? 'kds-line-struck' : '',
    line.allergy ? 'kds-line-allergy' : '',
    selected ? 'kds-line-selected' : '',
  ].join(' ');
  const name = names.item(line.item);
  return (
    <li className={classes} data-testid={`kds-line-${ticketId}-${line.lineId}`} data-state={line.state}>
      <button
        type="button"
        className="kds-line-button"
        aria-pressed={selected}
        onClick={(e) => {
          e.stopPropagation();
          onSelect();
        }}
      >
        <span className="kds-line-main">
          <span className="kds-qty">
            {voided ? (
              <s>{line.qty + line.removedQty}</s>
            ) : line.removedQty > 0 ? (
              <>
                <s className="kds-qty-was">{line.qty + line.removedQty}</s> {line.qty}
              </>
            ) : (
              line.qty
            )}
          </span>
          <span className="kds-times" aria-hidden="true">
            ×
          </span>
          <span className="kds-item">{voided ? <s>{name}</s> : name}</span>
          {voided ? <span className="kds-badge kds-badge-removed">{t('kds.removed')}</span> : null}
          {line.allergy ? <strong className="kds-allergy-word">⚠ {t('kds.allergy')}</strong> : null}
          {line.changed ? <span className="kds-badge kds-badge-changed">✎ {t('kds.changed')}</span> : null}
          {line.state === 'done' ? <span className="kds-line-done">✓ {t('kds.lineDone')}</span> : null}
        </span>
        {line.state === 'pending' && !voided ? (
          <span className="kds-pending">
            ⏸{' '}
            {line.firesAt === undefined
              ? t('kds.held')
              : t('kds.firesIn', { time: formatCountdown(line.firesAt - now) })}
          </span>
        ) : null}
        {line.modifiers.length > 0 ? (
          <span className="kds-modifiers">
            {line.modifiers.map((m) => (
              <span
                key={m.id}
                className={`kds-modifier ${m.allergy || names.isAllergy(m.item) ? 'kds-modifier-allergy' : ''}`}
              >
                {voided ? <s>{names.modifier(m.item)}</s> : names.modifier(m.item)}
              </span>
            ))}
          </span>
        ) : null}
        {line.note ? <span className="kds-note">{t('kds.note', { note: line.note })}</span> : null}
        <span className="kds-line-facts">
          {line.seat !== undefined ? <span>{t('kds.seat', { seat: line.seat })}</span> : null}
          {line.partOf ? <span>{t('kds.partOf', { combo: names.item(line.partOf) })}</span> : null}
          {line.movedFrom ? <span>{t('kds.movedFrom', { order: line.movedFrom.externalId })}</span> : null}
        </span>
      </button>
    </li>
  );
}
