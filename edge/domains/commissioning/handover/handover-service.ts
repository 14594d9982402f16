import { createHash } from 'node:crypto';
import type { HandoverSignature, SignedHandover } from '../../../../shared/api/commissioning-handover';
import type { StoreUser } from '../../../../shared/config/users';
import { roleNamesMayDo } from '../../../../shared/permissions-table';
import { actingRole, heldRoles } from '../../../../shared/roles';
import { atomic } from '../../../store/atomic';
import type { Database } from '../../../store/database';
import { OutboxWriter } from '../../../sync/outbox-writer';
import { HandoverError } from './handover-errors';
import {
  gatherHandoverReport,
  type HandoverReport,
  type HandoverSources,
  noteTestAlarmsSeen,
} from './handover-report';

/**
 * The handover: the report, and the one signature that hands the store over. A manager or
 * an admin signs with their PIN (checked by the route); while checklist items are open only
 * an admin may sign, with a reason. The signature, the checklist it was signed on and that
 * text's sha256 are kept once, and go to central as `commissioning.handover` in the same
 * transaction, so central opens the store exactly when the box says it was handed over.
 */
export class HandoverService {
  readonly #sources: HandoverSources;
  readonly #db: Database;

  constructor(deps: { db: Database; sources: HandoverSources }) {
    this.#db = deps.db;
    this.#sources = deps.sources;
  }

  report(): HandoverReport {
    return gatherHandoverReport(this.#sources);
  }

  signature(): SignedHandover | undefined {
    return this.#sources.store.signature();
  }

  sign(signer: StoreUser, overrideReason: string | undefined): SignedHandover {
    const s = this.#sources;
    if (s.store.signature()) throw alreadySigned();
    if (!roleNamesMayDo(heldRoles(signer), 'commissioning.handover.sign'))
      throw new HandoverError('NOT_IN_CHARGE', {
        en: `${signer.id} may not sign the handover: a manager or an admin signs it`,
        'zh-CN': `${signer.id} 无权签署交接：须由店长或管理员签字`,
      });
    noteTestAlarmsSeen(s);
    const checklist = s.checklist();
    const open = checklist.items.filter((i) => !i.complete);
    const reason = overrideReason?.trim() || undefined;
    if (open.length > 0 && reason === undefined)
      throw new HandoverError('INCOMPLETE', {
        en: `the checklist has ${open.length} open item(s): ${open.map((i) => `${i.title.en} (${i.progress.en})`).join('; ')}`,
        'zh-CN': `检查清单有 ${open.length} 项未完成：${open.map((i) => `${i.title['zh-CN']}（${i.progress['zh-CN']}）`).join('；')}`,
      });
    if (open.length > 0 && !heldRoles(signer).includes('admin'))
      throw new HandoverError('OVERRIDE_NOT_ADMIN', {
        en: 'only an admin may sign the handover over open checklist items',
        'zh-CN': '检查清单未完成时，只有管理员可以强制签署交接',
      });
    const checklistJson = JSON.stringify(checklist);
    const signature: HandoverSignature = {
      storeId: s.config().store.id,
      signedBy: signer.id,
      signerName: signer.name,
      role: actingRole(signer),
      signedAt: s.now(),
      complete: open.length === 0,
      // A complete checklist needs no override: a reason given anyway is not one.
      overrideReason: open.length > 0 ? (reason ?? null) : null,
      openItems: open.map((i) => i.id),
      checklistSha256: createHash('sha256').update(checklistJson).digest('hex'),
    };
    try {
      atomic(this.#db)(() => {
        s.store.sign(signature, checklistJson);
        new OutboxWriter(this.#db, signature.storeId).append({
          type: 'commissioning.handover',
          entityId: signature.storeId,
          ts: signature.signedAt,
          payload: signature,
        });
      });
    } catch (err) {
      // Two signers at once: the table's `once` lets one in.
      if (err instanceof Error && 'code' in err && err.code === 'SQLITE_CONSTRAINT_UNIQUE')
        throw alreadySigned();
      throw err;
    }
    return { ...signature, checklist };
  }
}

function alreadySigned(): HandoverError {
  return new HandoverError('ALREADY_SIGNED', {
    en: 'the handover is already signed; a signature is recorded once',
    'zh-CN': '交接已签字；签字只记录一次',
  });
}
