// The signed-in user's household and role, kept in plus.storage for every webview. A child's
// sign-in puts the app in kid mode: body[data-kid="true"] hides what is for adults
// ([data-adult-only]: settings, pairing, deleting) and the library keeps to their categories.
import { api } from './api.js';
import { broadcast, EVENTS } from './events.js';
import { KEYS } from './settings.js';

export function currentHousehold() {
  try {
    return JSON.parse(plus.storage.getItem(KEYS.HOUSEHOLD) || 'null');
  } catch {
    return null;
  }
}

export function isKid(household = currentHousehold()) {
  return household?.role === 'child';
}

// The categories a child may browse (null: any).
export function allowedCategories(household = currentHousehold()) {
  return isKid(household) ? household.allowed_categories ?? null : null;
}

export function markKidMode(household = currentHousehold()) {
  document.body.dataset.kid = String(isKid(household));
}

// Keep the household a hello or a fetch brought, and tell every webview.
export function saveHousehold(household) {
  if (household) plus.storage.setItem(KEYS.HOUSEHOLD, JSON.stringify(household));
  else plus.storage.removeItem(KEYS.HOUSEHOLD);
  broadcast(EVENTS.HOUSEHOLD, { household });
}

export async function refreshHousehold() {
  const household = await api.household({ quiet: true });
  saveHousehold(household);
  return household;
}
