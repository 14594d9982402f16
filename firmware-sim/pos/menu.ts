/**
 * What the simulated POS sells: the demo store's menu (config/demo-store.yaml,
 * `kitchen.menu`) with how often each is ordered, which modifiers a guest picks for
 * it, and the ids the simulated Square catalog gives them. The Square ids are the
 * POS's own and deliberately unlike ours: config/pos-connectors.demo.yaml maps them.
 */
export interface SimMenuItem {
  id: string;
  name: string;
  /** relative popularity */
  weight: number;
  modifiers: readonly string[];
  /** Square's catalog object id of the item's (only) variation */
  squareId: string;
}

export interface SimModifier {
  id: string;
  name: string;
  squareId: string;
  /** an allergy modifier is rarer than a taste one */
  weight: number;
}

export const SIM_MENU: readonly SimMenuItem[] = [
  {
    id: 'burger',
    name: 'Burger',
    weight: 30,
    modifiers: ['no-cheese', 'extra-patty', 'gluten-free'],
    squareId: 'HV2LQW7Y3XKBURGR5N4DPA6M',
  },
  {
    id: 'fries',
    name: 'Fries',
    weight: 26,
    modifiers: ['no-salt', 'large'],
    squareId: 'J7TFRIESQ2ZC6M4WXK3NB5LP',
  },
  { id: 'nuggets', name: 'Nuggets', weight: 14, modifiers: ['large'], squareId: 'K4NUGG3TSR7YB2QWLC6XDM5A' },
  {
    id: 'salad',
    name: 'Salad',
    weight: 9,
    modifiers: ['no-nuts', 'gluten-free'],
    squareId: 'S6ALADX3PQ7WKM2ZN4RBC5YT',
  },
  {
    id: 'combo',
    name: 'Burger combo',
    weight: 22,
    modifiers: ['no-cheese', 'extra-patty', 'no-salt', 'large'],
    squareId: 'C0MB0Q5RT7YXW3KLM2NP6ZBD',
  },
  { id: 'sundae', name: 'Sundae', weight: 8, modifiers: ['no-nuts'], squareId: 'SUNDAE4XQ7WT2ZK6MB3NPL5R' },
];

export const SIM_MODIFIERS: readonly SimModifier[] = [
  { id: 'no-cheese', name: 'No cheese', squareId: 'M1NOCHZQ7W4XK2LT6B3PYD5R', weight: 6 },
  { id: 'extra-patty', name: 'Extra patty', squareId: 'M2XTRAPQ5T7WK3ZL2NB6YC4D', weight: 4 },
  { id: 'no-salt', name: 'No salt', squareId: 'M3NOSLTQ2W7XK5ZB4LP6YR3N', weight: 3 },
  { id: 'large', name: 'Large', squareId: 'M4LARGEQ6W2XK7ZT3NB5YL4P', weight: 8 },
  { id: 'no-nuts', name: 'Nut allergy', squareId: 'M5NONUTQ3W6XK2ZL7BP4YD5T', weight: 1 },
  { id: 'gluten-free', name: 'Gluten free bun', squareId: 'M6GLUTNQ7W3XK4ZB2LP5YR6N', weight: 1 },
];

/** Free-text notes a server types; allergy notes are the ones a kitchen must never lose. */
export const PLAIN_NOTES: readonly string[] = [
  'no onions',
  'well done',
  'sauce on the side',
  'cut in half',
  'extra napkins',
];
export const ALLERGY_NOTES: readonly string[] = [
  'ALLERGY: peanuts',
  'ALLERGY: shellfish',
  'ALLERGY: sesame, use a clean board',
  'coeliac: no shared fryer',
];

export const SIM_TABLES: readonly string[] = Array.from({ length: 24 }, (_, i) => `T${i + 1}`);
export const SIM_GUESTS: readonly string[] = [
  'Li',
  'Wang',
  'Zhang',
  'Chen',
  'Alex',
  'Sam',
  'Maria',
  'Omar',
  'Yuki',
];

export function simMenuItem(id: string): SimMenuItem | undefined {
  return SIM_MENU.find((item) => item.id === id);
}

export function simModifier(id: string): SimModifier | undefined {
  return SIM_MODIFIERS.find((modifier) => modifier.id === id);
}
