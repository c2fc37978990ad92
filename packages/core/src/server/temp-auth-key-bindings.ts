/**
 * The server's record of which temporary auth key is bound to which permanent one
 * (core.telegram.org/api/pfs, core.telegram.org/method/auth.bindTempAuthKey). Each permanent key is
 * bound to one temporary key at a time: a new binding replaces the previous one, and a temporary key
 * bound to one permanent key cannot be bound to another. The replaced key keeps its binding for a
 * short grace period, so calls a client sent on it while it switched keys still count as the
 * permanent key's.
 */
import { authKeyIdValue } from './server-auth-keys';

/** One binding, as auth.bindTempAuthKey established it. */
export interface TempAuthKeyBinding {
  /** auth_key_id of the temporary key, its 8 wire bytes. */
  readonly temporaryAuthKeyId: Uint8Array;
  /** auth_key_id of the permanent key, its 8 wire bytes. */
  readonly permanentAuthKeyId: Uint8Array;
  /** When the binding (and the temporary key with it) ends, unix seconds. */
  readonly expiresAt: number;
}

/** How long a replaced binding lasts after a new one, at most (seconds). */
export const REPLACED_BINDING_GRACE_SECONDS = 60;

export class TempAuthKeyBindings {
  private readonly byTemporary = new Map<bigint, TempAuthKeyBinding>();
  private readonly byPermanent = new Map<bigint, TempAuthKeyBinding>();

  /** The binding of a temporary key, if it is bound (an expired binding is forgotten). */
  find(temporaryAuthKeyId: Uint8Array, nowSeconds: number): TempAuthKeyBinding | undefined {
    const binding = this.byTemporary.get(authKeyIdValue(temporaryAuthKeyId));
    if (binding === undefined || binding.expiresAt > nowSeconds) return binding;
    this.remove(temporaryAuthKeyId);
    return undefined;
  }

  /** Whether binding `temporaryAuthKeyId` to `permanentAuthKeyId` conflicts with an existing binding. */
  isBoundElsewhere(
    temporaryAuthKeyId: Uint8Array,
    permanentAuthKeyId: Uint8Array,
    nowSeconds: number,
  ): boolean {
    const existing = this.find(temporaryAuthKeyId, nowSeconds);
    return (
      existing !== undefined &&
      authKeyIdValue(existing.permanentAuthKeyId) !== authKeyIdValue(permanentAuthKeyId)
    );
  }

  /**
   * Records a binding; the permanent key's previous temporary key stays bound for
   * {@link REPLACED_BINDING_GRACE_SECONDS} at most.
   */
  bind(binding: TempAuthKeyBinding, nowSeconds: number): void {
    const permanent = authKeyIdValue(binding.permanentAuthKeyId);
    const previous = this.byPermanent.get(permanent);
    const previousKey = previous === undefined ? undefined : authKeyIdValue(previous.temporaryAuthKeyId);
    if (previous !== undefined && previousKey !== authKeyIdValue(binding.temporaryAuthKeyId)) {
      const expiresAt = Math.min(previous.expiresAt, nowSeconds + REPLACED_BINDING_GRACE_SECONDS);
      this.byTemporary.set(previousKey!, { ...previous, expiresAt });
    }
    this.byPermanent.set(permanent, binding);
    this.byTemporary.set(authKeyIdValue(binding.temporaryAuthKeyId), binding);
  }

  /** Forgets the binding of a temporary key (it expired or was revoked). */
  remove(temporaryAuthKeyId: Uint8Array): void {
    const temporary = authKeyIdValue(temporaryAuthKeyId);
    const binding = this.byTemporary.get(temporary);
    if (binding === undefined) return;
    this.byTemporary.delete(temporary);
    const permanent = authKeyIdValue(binding.permanentAuthKeyId);
    const current = this.byPermanent.get(permanent);
    if (current !== undefined && authKeyIdValue(current.temporaryAuthKeyId) === temporary)
      this.byPermanent.delete(permanent);
  }
}
