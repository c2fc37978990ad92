/**
 * The control API's group and channel routes (`/groups...`): create a basic group, supergroup or
 * channel; make a user write to it, join or leave; read its history. Ids are decimal strings.
 */
import {
  ALL_ADMIN_RIGHTS,
  type AdminRight,
  type GroupMember,
  type GroupRecord,
} from '../world/group-records';
import type { GroupMessageView } from '../local-dc-groups';
import {
  ControlInputError,
  optionalInteger,
  optionalString,
  requiredId,
  requiredString,
} from './control-json';
import type { Route } from './control-routes';
import { BANNED_RIGHTS, type BannedRight } from '../world/member-restrictions';
import { tlJson } from './tl-json';

type Fields = Readonly<Record<string, unknown>>;

export const GROUP_ROUTES: Readonly<Record<string, Route>> = {
  'POST /groups': (dc, { fields }) => {
    const type = fields['type'] ?? 'group';
    const input = {
      creatorId: requiredId(fields, 'creatorId'),
      title: requiredString(fields, 'title'),
      memberIds: optionalIds(fields, 'memberIds'),
      admins: optionalAdmins(fields),
    };
    const username = optionalString(fields, 'username');
    let group: GroupRecord;
    if (type === 'group') group = dc.groups.createGroup(input);
    else if (type === 'supergroup') group = dc.groups.createSupergroup({ ...input, username });
    else if (type === 'channel') group = dc.groups.createChannel({ ...input, username });
    else throw new ControlInputError('"type" must be "group", "supergroup" or "channel"');
    return { status: 201, body: { chat: groupJson(group) } };
  },

  'POST /groups/messages': (dc, { fields }) => {
    const message = dc.groups.sendMessage({
      fromUserId: requiredId(fields, 'fromUserId'),
      chatId: requiredId(fields, 'chatId'),
      text: requiredString(fields, 'text'),
      replyToMessageId: optionalInteger(fields, 'replyToMessageId', 2 ** 31 - 1),
    });
    return { status: 201, body: { message: groupMessageJson(message) } };
  },

  'POST /groups/join': (dc, { fields }) => {
    const member = dc.groups.join({
      chatId: requiredId(fields, 'chatId'),
      userId: requiredId(fields, 'userId'),
      inviterId: fields['inviterId'] === undefined ? undefined : requiredId(fields, 'inviterId'),
    });
    return { status: 200, body: { member: memberJson(member) } };
  },

  'POST /groups/leave': (dc, { fields }) => {
    dc.groups.leave({ chatId: requiredId(fields, 'chatId'), userId: requiredId(fields, 'userId') });
    return { status: 200, body: {} };
  },

  'POST /groups/promote': (dc, { fields }) => {
    const rights = fields['rights'];
    if (rights !== undefined && (!Array.isArray(rights) || !rights.every(isAdminRight))) {
      throw new ControlInputError(`"rights" must be a list of: ${ALL_ADMIN_RIGHTS.join(', ')}`);
    }
    const member = dc.groups.promote({
      ...moderation(fields),
      rights: rights as AdminRight[] | undefined,
    });
    return { status: 200, body: { member: memberJson(member) } };
  },

  'POST /groups/demote': (dc, { fields }) => {
    return { status: 200, body: { member: memberJson(dc.groups.demote(moderation(fields))) } };
  },

  'POST /groups/ban': (dc, { fields }) => {
    dc.groups.ban(moderation(fields));
    return { status: 200, body: {} };
  },

  'POST /groups/restrict': (dc, { fields }) => {
    const rights = fields['rights'];
    const restrictable: readonly BannedRight[] = BANNED_RIGHTS.filter((right) => right !== 'view_messages');
    if (!Array.isArray(rights) || !rights.every((right) => restrictable.includes(right as BannedRight))) {
      throw new ControlInputError(`"rights" must be a list of: ${restrictable.join(', ')}`);
    }
    const untilDate = fields['untilDate'];
    if (
      untilDate !== undefined &&
      (typeof untilDate !== 'number' || !Number.isInteger(untilDate) || untilDate < 0)
    ) {
      throw new ControlInputError('"untilDate" must be Unix seconds');
    }
    const member = dc.groups.restrict({ ...moderation(fields), rights: rights as BannedRight[], untilDate });
    return { status: 200, body: { member: memberJson(member) } };
  },

  'POST /groups/default-rights': (dc, { fields }) => {
    const rights = fields['rights'];
    if (!Array.isArray(rights) || !rights.every((right) => BANNED_RIGHTS.includes(right as BannedRight))) {
      throw new ControlInputError(`"rights" must be a list of: ${BANNED_RIGHTS.join(', ')}`);
    }
    const chatId = requiredId(fields, 'chatId');
    dc.groups.setDefaultRights({ chatId, rights: rights as BannedRight[], actorId: optionalActor(fields) });
    return { status: 200, body: { chat: groupJson(dc.groups.group(chatId)!) } };
  },

  'POST /groups/migrate': (dc, { fields }) => {
    const migrated = dc.groups.migrate({
      chatId: requiredId(fields, 'chatId'),
      actorId: optionalActor(fields),
    });
    return { status: 200, body: { chat: groupJson(migrated) } };
  },

  'POST /groups/unban': (dc, { fields }) => {
    dc.groups.unban(moderation(fields));
    return { status: 200, body: {} };
  },

  'GET /groups/history': (dc, { fields }) => {
    const chatId = requiredId(fields, 'chatId');
    if (dc.groups.group(chatId) === undefined) throw new ControlInputError(`no group or channel ${chatId}`);
    const viewerId = fields['userId'] === undefined ? undefined : requiredId(fields, 'userId');
    return { status: 200, body: { messages: dc.groups.history(chatId, viewerId).map(groupMessageJson) } };
  },
};

export function groupJson(group: GroupRecord) {
  return {
    id: group.id.toString(),
    type: group.kind === 'chat' ? 'group' : group.megagroup ? 'supergroup' : 'channel',
    accessHash: group.kind === 'channel' ? group.accessHash.toString() : undefined,
    title: group.title,
    username: group.kind === 'channel' ? group.username : undefined,
    members: [...group.members.values()].map(memberJson),
    defaultBannedRights: group.defaultBannedRights ?? [],
  };
}

function memberJson(member: GroupMember) {
  return {
    userId: member.userId.toString(),
    inviterId: member.inviterId.toString(),
    role: member.role,
    adminRights: member.adminRights,
    date: member.date,
    restriction:
      member.restriction === undefined
        ? undefined
        : {
            rights: member.restriction.rights,
            untilDate: member.restriction.untilDate,
            restrictedBy: member.restriction.restrictedBy.toString(),
          },
  };
}

function groupMessageJson(message: GroupMessageView) {
  return {
    id: message.id,
    chatId: message.chatId.toString(),
    fromId: message.fromId?.toString(),
    text: message.text,
    date: message.date,
    editDate: message.editDate,
    replyToMessageId: message.replyToMessageId,
    entities: message.entities === undefined ? undefined : tlJson(message.entities),
    action:
      message.action === undefined
        ? undefined
        : JSON.parse(
            JSON.stringify(message.action, (_key, value: unknown) =>
              typeof value === 'bigint' ? value.toString() : value,
            ),
          ),
  };
}

/** `{"chatId", "userId", "actorId"?}` of the moderation routes (actor: the creator by default). */
function moderation(fields: Fields): { chatId: bigint; userId: bigint; actorId?: bigint } {
  return {
    chatId: requiredId(fields, 'chatId'),
    userId: requiredId(fields, 'userId'),
    actorId: optionalActor(fields),
  };
}

function optionalActor(fields: Fields): bigint | undefined {
  return fields['actorId'] === undefined ? undefined : requiredId(fields, 'actorId');
}

function optionalIds(fields: Fields, name: string): bigint[] | undefined {
  const value = fields[name];
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw new ControlInputError(`"${name}" must be an array of ids`);
  return value.map((item: unknown, index) =>
    requiredId({ [`${name}[${index}]`]: item }, `${name}[${index}]`),
  );
}

/** `admins`: `[{"userId", "rights"?: ["post_messages", ...]}]`. */
function optionalAdmins(fields: Fields): { userId: bigint; rights?: AdminRight[] }[] | undefined {
  const value = fields['admins'];
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw new ControlInputError('"admins" must be an array');
  return value.map((item: unknown) => {
    if (typeof item !== 'object' || item === null)
      throw new ControlInputError('each admin must be an object');
    const admin = item as Fields;
    const rights = admin['rights'];
    if (rights !== undefined && (!Array.isArray(rights) || !rights.every(isAdminRight))) {
      throw new ControlInputError(`"rights" must be a list of: ${ALL_ADMIN_RIGHTS.join(', ')}`);
    }
    return { userId: requiredId(admin, 'userId'), rights: rights as AdminRight[] | undefined };
  });
}

function isAdminRight(value: unknown): value is AdminRight {
  return typeof value === 'string' && (ALL_ADMIN_RIGHTS as readonly string[]).includes(value);
}
