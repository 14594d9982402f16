import { ClaimReply, ClaimUsername, type DeviceClaimView } from '../../../../shared/api/device-claim';
import type { Equipment } from '../../../../shared/config/equipment';
import type { Clock } from '../../../../shared/server/runtime/clock';
import type { Logger } from '../../../../shared/server/runtime/logger';
import { topics } from '../../../../shared/topics';
import type { ClaimSender, DeviceClaimGate } from '../../../broker/broker-context';
import type { DeviceCredentials } from '../../../store/credentials-store';
import type { Database } from '../../../store/database';
import type { ClaimKeyStore } from './claim-key-store';
import { ClaimThrottle } from './claim-throttle';
import { DeviceClaimError } from './device-claim-errors';
import { type ClaimRow, DeviceClaimStore } from './device-claim-store';

type Credentials = Pick<DeviceCredentials, 'add' | 'revoke' | 'list'>;
type Admission = ReturnType<DeviceClaimGate['admit']>;

export interface DeviceClaimCounts {
  admitted: number;
  delivered: number;
  refused: number;
}

/**
 * Device claim at commissioning. A device presenting the store's claim key and its
 * serial is matched to a unit pre-registered by serial in the config, or waits for a
 * technician to accept it as a unit. Its credentials are issued only at the moment they
 * are written to its connection, so no secret is ever stored, logged or listed; a unit
 * that already holds credentials cannot be claimed (revoke them first), which makes a
 * claim key useless for taking over a working device.
 */
export class DeviceClaimService implements DeviceClaimGate {
  readonly #claims: DeviceClaimStore;
  readonly #keys: ClaimKeyStore;
  readonly #credentials: Credentials;
  readonly #equipment: () => readonly Equipment[];
  readonly #storeId: string;
  readonly #clock: Clock;
  readonly #log: Logger;
  readonly #throttle: ClaimThrottle;
  /** claimants connected and subscribed to their reply, by serial */
  readonly #senders = new Map<string, ClaimSender>();
  readonly #counts: DeviceClaimCounts = { admitted: 0, delivered: 0, refused: 0 };
  /** serials whose credentials are written and not yet acknowledged */
  readonly #inFlight = new Set<string>();

  constructor(deps: {
    db: Database;
    keys: ClaimKeyStore;
    credentials: Credentials;
    equipment: () => readonly Equipment[];
    storeId: string;
    clock: Clock;
    logger: Logger;
  }) {
    this.#claims = new DeviceClaimStore(deps.db);
    this.#keys = deps.keys;
    this.#credentials = deps.credentials;
    this.#equipment = deps.equipment;
    this.#storeId = deps.storeId;
    this.#clock = deps.clock;
    this.#log = deps.logger.child({ ns: 'device-claim' });
    this.#throttle = new ClaimThrottle(deps.clock);
  }

  admit(attempt: { username: string; claimKey: string; remoteAddress: string | undefined }): Admission {
    const verdict = this.#admit(attempt);
    if (verdict.ok) this.#counts.admitted += 1;
    else this.#counts.refused += 1;
    return verdict;
  }

  #admit({ username, claimKey, remoteAddress }: Parameters<DeviceClaimGate['admit']>[0]): Admission {
    const address = remoteAddress ?? 'unknown';
    const waitMs = this.#throttle.waitMs(address);
    if (waitMs > 0) {
      return { ok: false, reason: 'claim_throttled', detail: `retry in ${Math.ceil(waitMs / 1000)} s` };
    }
    const problem = this.#keys.check(claimKey);
    if (problem) {
      this.#throttle.failed(address);
      return { ok: false, reason: problem, detail: KEY_PROBLEM[problem] };
    }
    const name = ClaimUsername.safeParse(username);
    if (!name.success) {
      return { ok: false, reason: 'claim_refused', detail: 'username must be claim:<serial>[:<model>]' };
    }
    const { serial, model } = name.data;
    const now = this.#clock.now();
    const existing = this.#claims.get(serial);
    if (!existing) {
      const units = this.#equipment().filter((e) => e.serialNumber === serial);
      if (units.length > 1) {
        return {
          ok: false,
          reason: 'claim_refused',
          detail: `serial ${serial} is pre-registered on ${units.map((u) => u.id).join(', ')}; fix the config`,
        };
      }
      const unit = units[0];
      if (unit && this.#hasCredentials(unit.id)) {
        return {
          ok: false,
          reason: 'claim_refused',
          detail: `${unit.id} already holds credentials; revoke them to claim it again`,
        };
      }
      this.#claims.insert({
        serial,
        model: model ?? null,
        state: unit ? 'accepted' : 'pending',
        equipment_id: unit?.id ?? null,
        pre_registered: unit ? 1 : 0,
        first_seen_at: now,
        last_seen_at: now,
        remote_address: remoteAddress ?? null,
        decided_by: unit ? 'pre-registered' : null,
        decided_at: unit ? now : null,
        delivered_at: null,
      });
      this.#log.info(
        { serial, model, remote: remoteAddress, equipmentId: unit?.id },
        unit ? 'claim matched a pre-registered serial' : 'claim waits for a technician',
      );
      return { ok: true, serial };
    }
    if (existing.state === 'rejected') {
      return { ok: false, reason: 'claim_refused', detail: `serial ${serial} was rejected` };
    }
    if (existing.state === 'delivered' && existing.equipment_id) {
      if (this.#hasCredentials(existing.equipment_id)) {
        return {
          ok: false,
          reason: 'claim_refused',
          detail: `serial ${serial} is ${existing.equipment_id} and holds credentials; revoke them to claim again`,
        };
      }
      this.#claims.reopen(serial);
    }
    this.#claims.seen(serial, now, model ?? null, remoteAddress ?? null);
    return { ok: true, serial };
  }

  attach(serial: string, send: ClaimSender): void {
    this.#senders.set(serial, send);
    this.#deliver(serial);
  }

  list(state: 'pending' | 'all'): DeviceClaimView[] {
    return this.#claims.list(state === 'pending').map((row) => this.#view(row));
  }

  /** Assigns a pending (or rejected) claim to a unit of the config; delivered at once if it is connected. */
  accept(serial: string, equipmentId: string, by: string): DeviceClaimView {
    const row = this.#open(serial);
    if (!this.#equipment().some((e) => e.id === equipmentId)) {
      throw new DeviceClaimError('EQUIPMENT_UNKNOWN', `no equipment ${equipmentId} in the store config`);
    }
    if (this.#hasCredentials(equipmentId)) {
      throw new DeviceClaimError(
        'EQUIPMENT_HAS_CREDENTIALS',
        `${equipmentId} already holds credentials; revoke them first`,
      );
    }
    const holder = this.#claims.holderOf(equipmentId, serial);
    if (holder) {
      throw new DeviceClaimError(
        'EQUIPMENT_TAKEN',
        `${equipmentId} is already claimed by serial ${holder.serial}`,
      );
    }
    this.#claims.decide(row.serial, 'accepted', equipmentId, by, this.#clock.now());
    this.#log.info({ serial, equipmentId, by }, 'claim accepted');
    this.#deliver(serial);
    return this.#view(this.#claims.get(serial) ?? row);
  }

  reject(serial: string, by: string): DeviceClaimView {
    const row = this.#open(serial);
    this.#claims.decide(row.serial, 'rejected', null, by, this.#clock.now());
    this.#log.info({ serial, by }, 'claim rejected');
    return this.#view(this.#claims.get(serial) ?? row);
  }

  counts(): DeviceClaimCounts {
    return { ...this.#counts };
  }

  #open(serial: string): ClaimRow {
    const row = this.#claims.get(serial);
    if (!row) throw new DeviceClaimError('CLAIM_NOT_FOUND', `no claim from serial ${serial}`);
    if (row.state === 'delivered' || (row.state === 'accepted' && row.pre_registered === 1)) {
      throw new DeviceClaimError(
        'CLAIM_NOT_OPEN',
        `serial ${serial} is ${row.state}${row.equipment_id ? ` as ${row.equipment_id}` : ''}`,
      );
    }
    return row;
  }

  /**
   * Issues and writes the credentials of an accepted claim whose device listens now. They
   * count as delivered once the device acknowledged them; otherwise they are revoked at
   * once (nobody holds them) and the claim stays accepted for its next connection.
   */
  #deliver(serial: string): void {
    if (this.#inFlight.has(serial)) return;
    const row = this.#claims.get(serial);
    const send = this.#senders.get(serial);
    if (!row || !send || row.state !== 'accepted' || !row.equipment_id) return;
    if (!send.alive()) {
      this.#senders.delete(serial);
      return;
    }
    const equipmentId = row.equipment_id;
    if (this.#hasCredentials(equipmentId)) {
      this.#log.warn({ serial, equipmentId }, 'claim not delivered: the unit got credentials meanwhile');
      return;
    }
    const reply = ClaimReply.parse({ equipmentId, secret: this.#credentials.add(equipmentId) });
    this.#inFlight.add(serial);
    const settled = (acknowledged: boolean) => {
      this.#inFlight.delete(serial);
      if (this.#senders.get(serial) === send) this.#senders.delete(serial);
      if (acknowledged) {
        this.#claims.delivered(serial, this.#clock.now());
        this.#counts.delivered += 1;
        this.#log.info({ serial, equipmentId }, 'claim credentials delivered');
        return;
      }
      this.#credentials.revoke(equipmentId);
      this.#log.info(
        { serial, equipmentId },
        'claimant gone before acknowledging; delivered on its next claim',
      );
      // A newer connection of the same device may have subscribed meanwhile.
      this.#deliver(serial);
    };
    send
      .send(topics.claimReply(this.#storeId, serial), Buffer.from(JSON.stringify(reply)))
      .then(settled, (err: unknown) => {
        this.#log.error({ err, serial, equipmentId }, 'claim reply failed');
        settled(false);
      });
  }

  #hasCredentials(equipmentId: string): boolean {
    return this.#credentials.list().some((c) => c.equipmentId === equipmentId && c.state === 'active');
  }

  #view(row: ClaimRow): DeviceClaimView {
    return {
      serial: row.serial,
      model: row.model,
      state: row.state,
      equipmentId: row.equipment_id,
      preRegistered: row.pre_registered === 1,
      firstSeenAt: row.first_seen_at,
      lastSeenAt: row.last_seen_at,
      remoteAddress: row.remote_address,
      decidedBy: row.decided_by,
      decidedAt: row.decided_at,
      deliveredAt: row.delivered_at,
      connected: this.#senders.get(row.serial)?.alive() ?? false,
    };
  }
}

const KEY_PROBLEM: Record<NonNullable<ReturnType<ClaimKeyStore['check']>>, string> = {
  claim_key_malformed: 'the password is not a claim key (gck_<storeId>.<secret>)',
  claim_key_unknown: 'no such claim key for this store',
  claim_key_other_store: 'the claim key belongs to another store',
  claim_key_expired: 'the claim key has expired; issue a new one (galley claim-key issue)',
  claim_key_revoked: 'the claim key was revoked',
};
