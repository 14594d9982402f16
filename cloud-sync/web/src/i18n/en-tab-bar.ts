/** Words of the page's tab bar (mounted as `tabBar` in en.ts). */
export const enTabBar = {
  label: 'Sections of the page',
};
