// Family page (from Me; extras: {joinCode?}): the household, its members and roles (each
// row opens that member's listening report), invitations with their code and QR, and joining
// another household. Live: joins, removals
// and role changes of any member's phone show at once.
import { absoluteUrl, api } from '../api.js';
import { boot, openPage } from '../boot.js';
import { EVENTS, on } from '../events.js';
import { currentHousehold, isKid, refreshHousehold } from '../household.js';
import { currentUser } from '../settings.js';
import { $, el, onAction, replace, stateView } from '../ui.js';

const ROLE_LABELS = { adult: 'Adult', child: 'Child' };

function memberRow(member, adult) {
  const me = member.id === currentUser()?.id;
  const actions = [];
  // Adults read every member's listening; a child only their own (the server says the same).
  if (adult || me) {
    actions.push(el('button', { type: 'button', class: 'mui-btn mui-btn-outlined',
      'data-action': 'member-report', 'data-member-id': member.id, 'data-name': member.nickname,
      text: 'Listening' }));
  }
  if (adult) {
    actions.push(el('button', { type: 'button', class: 'mui-btn mui-btn-outlined',
      'data-action': 'toggle-role', 'data-member-id': member.id, 'data-role': member.role,
      text: member.role === 'adult' ? 'Make child' : 'Make adult' }));
    if (member.role === 'child') {
      actions.push(el('button', { type: 'button', class: 'mui-btn mui-btn-outlined',
        'data-action': 'edit-categories', 'data-member-id': member.id,
        'data-categories': (member.allowed_categories || []).join(', '), text: 'Categories' }));
    }
    actions.push(el('button', { type: 'button', class: 'mui-btn mui-btn-danger mui-btn-outlined',
      'data-action': 'remove-member', 'data-member-id': member.id, 'data-name': member.nickname,
      text: me ? 'Leave' : 'Remove' }));
  }
  return el('li', { class: 'mui-table-view-cell', 'data-member': member.id,
    'data-role': member.role },
  el('span', { class: 'tc-title', 'data-member-name': '', text: me ? `${member.nickname} (you)`
    : member.nickname }),
  el('p', { 'data-member-role': '', text: ROLE_LABELS[member.role] +
    (member.role === 'child' && member.allowed_categories
      ? ` · ${member.allowed_categories.join(', ') || 'nothing yet'}` : '') }),
  actions.length ? el('div', { class: 'tc-row-actions' }, ...actions) : null);
}

function inviteRow(invite) {
  const expires = new Date(invite.expires_at).toLocaleString();
  return el('li', { class: 'mui-table-view-cell', 'data-invite': invite.code,
    'data-role': invite.role },
  el('span', { class: 'tc-code', 'data-invite-code': '', text: invite.code }),
  el('p', { text: `${ROLE_LABELS[invite.role]} · single use · until ${expires}` }),
  el('img', { class: 'tc-invite-qr', 'data-invite-qr': '', alt: `QR code of ${invite.code}`,
    src: absoluteUrl(invite.qr_url), width: 160, height: 160 }));
}

async function render() {
  const body = $('[data-family-body]');
  if (!currentUser()) {
    replace(body, stateView({ title: 'Sign in first', message: 'Your family lives in Me.' }));
    return;
  }
  try {
    const household = await refreshHousehold();
    const adult = !isKid(household);
    const members = (await api.members({ quiet: true })).items;
    replace(body,
      el('h2', { class: 'tc-section-title', text: 'Household' }),
      el('ul', { class: 'mui-table-view' }, el('li', { class: 'mui-table-view-cell' },
        el('span', { class: 'tc-title', 'data-household-name': '', text: household.name }),
        el('p', { 'data-household-zone': '', text: `Time zone: ${household.time_zone}` }),
        adult ? el('button', { type: 'button', class: 'mui-btn mui-btn-outlined',
          'data-action': 'rename', text: 'Rename' }) : null)),
      el('h2', { class: 'tc-section-title', text: 'Members' }),
      el('ul', { class: 'mui-table-view', 'data-members': '' },
        ...members.map((member) => memberRow(member, adult))));
    if (adult) renderInvites();
  } catch (error) {
    replace(body, stateView({ title: "Couldn't load your family", message: error.message,
      button: 'Try again', action: 'retry' }));
  }
  document.body.dataset.loaded = 'true';
}

async function renderInvites() {
  const { items } = await api.invites({ quiet: true });
  replace($('[data-invites]'), ...items.map(inviteRow));
}

async function invite(role) {
  const made = await api.invite(role);
  mui.toast(`Invitation ${made.code} made`);
  await renderInvites();
}

function confirm(message, button) {
  return new Promise((resolve) => plus.nativeUI.confirm(message, (e) => resolve(e.index === 0),
    'Family', [button, 'Cancel']));
}

async function removeMember(node) {
  const me = node.dataset.memberId === currentUser()?.id;
  const question = me ? 'Leave this household? You lose its receivers and messages.'
    : `Remove ${node.dataset.name} from the household?`;
  if (!(await confirm(question, me ? 'Leave' : 'Remove'))) return;
  await api.removeMember(node.dataset.memberId);
  mui.toast(me ? 'You left the household' : `${node.dataset.name} was removed`);
  await render();
}

async function toggleRole(node) {
  const role = node.dataset.role === 'adult' ? 'child' : 'adult';
  await api.changeMember(node.dataset.memberId, { role });
  await render();
}

// What a child may browse: category names separated by commas (empty: everything).
async function editCategories(node) {
  const text = await new Promise((resolve) => plus.nativeUI.prompt(
    'Categories this child may listen to, separated by commas (empty: all)',
    (e) => resolve(e.index === 0 ? e.value : null), 'Family', node.dataset.categories,
    ['OK', 'Cancel']));
  if (text === null) return;
  const names = text.split(',').map((name) => name.trim()).filter(Boolean);
  await api.changeMember(node.dataset.memberId, { allowed_categories: names.length ? names : null });
  await render();
}

async function rename() {
  const name = await new Promise((resolve) => plus.nativeUI.prompt('New name',
    (e) => resolve(e.index === 0 ? e.value : null), 'Family', currentHousehold()?.name,
    ['OK', 'Cancel']));
  if (name) { await api.updateHousehold({ name }); await render(); }
}

async function join() {
  const code = $('[data-join-code]').value.trim();
  if (!code) { mui.toast('Enter the code you were given'); return; }
  const household = await api.joinHousehold(code);
  $('[data-join-code]').value = '';
  mui.toast(`Welcome to ${household.name}`);
  await render();
}

async function main() {
  const self = await boot();
  if (self.joinCode) $('[data-join-code]').value = self.joinCode;
  const quietly = (action) => (...args) => action(...args).catch(() => {});
  onAction(document.body, {
    invite: quietly((node) => invite(node.dataset.role)),
    'remove-member': quietly(removeMember),
    'toggle-role': quietly(toggleRole),
    'edit-categories': quietly(editCategories),
    'member-report': (node) => openPage('report.html', `report-member-${node.dataset.memberId}`,
      { memberId: node.dataset.memberId, memberName: node.dataset.name }),
    rename: quietly(rename),
    join: quietly(join),
    retry: render,
  });
  for (const type of [EVENTS.MEMBER_JOINED, EVENTS.MEMBER_CHANGED, EVENTS.MEMBER_REMOVED,
    EVENTS.HOUSEHOLD_CHANGED, EVENTS.AUTH_CHANGED]) on(type, () => render());
  await render();
  document.body.dataset.ready = 'true';
}

main();
