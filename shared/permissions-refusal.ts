import type { LocalizedText } from './localized-text';
import { PERMISSION_LABELS, type Permission } from './permissions';
import { peopleRolesWith, rolesWith } from './permissions-table';
import { ROLE_NAMES, type SessionRole } from './roles';

function namesOf(roles: readonly SessionRole[], locale: 'en' | 'zh-CN', none: string): string {
  if (roles.length === 0) return none;
  return roles.map((role) => ROLE_NAMES[role][locale]).join(locale === 'en' ? ', ' : '、');
}

/**
 * Why a caller may not do something, in both languages: the permission missing (its code
 * and what it lets one do), the roles the caller holds, and the roles that have it, so
 * whoever reads it knows whom to ask.
 */
export function missingPermissionText(permission: Permission, held: readonly SessionRole[]): LocalizedText {
  const label = PERMISSION_LABELS[permission];
  const people = peopleRolesWith(permission);
  const holders = people.length > 0 ? people : rolesWith(permission);
  return {
    en:
      `this needs the permission ${permission} (${label.en}); ` +
      `your roles (${namesOf(held, 'en', 'none')}) do not have it; ` +
      `roles that have it: ${namesOf(holders, 'en', 'none')}`,
    'zh-CN':
      `此操作需要权限 ${permission}（${label['zh-CN']}）；` +
      `您的角色（${namesOf(held, 'zh-CN', '无')}）没有该权限；` +
      `拥有该权限的角色：${namesOf(holders, 'zh-CN', '无')}`,
  };
}
