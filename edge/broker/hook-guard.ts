import type { AedesOptions } from 'aedes';
import { faults } from '../../shared/server/runtime/fault-containment';
import { ConnectRefusedError } from './hooks/authenticate';

type PreConnect = NonNullable<AedesOptions['preConnect']>;
type Authenticate = NonNullable<AedesOptions['authenticate']>;
type AuthorizePublish = NonNullable<AedesOptions['authorizePublish']>;
type AuthorizeSubscribe = NonNullable<AedesOptions['authorizeSubscribe']>;

export interface BrokerHooks {
  preConnect: PreConnect;
  authenticate: Authenticate;
  authorizePublish: AuthorizePublish;
  authorizeSubscribe: AuthorizeSubscribe;
}

/**
 * aedes calls its hooks from the socket's parser, so an exception in one travels up
 * to the socket's 'data' event and ends the process. Each hook is wrapped so a throw
 * is contained and the packet gets the most conservative answer: a CONNECT is
 * refused (server unavailable), a PUBLISH closes the connection unacknowledged (the
 * client keeps its QoS 1 message: a PUBACK must never lie), a SUBSCRIBE filter is
 * refused with 0x80. A callback already called before the throw is not called again.
 */
export function guardHooks(hooks: BrokerHooks): BrokerHooks {
  return {
    preConnect: (client, packet, callback) => {
      const once = onlyOnce(callback);
      try {
        hooks.preConnect(client, packet, once);
      } catch (err) {
        faults.contain('broker_hook', 'preConnect', err);
        once(asError(err), false);
      }
    },
    authenticate: (client, username, password, done) => {
      const once = onlyOnce(done);
      try {
        hooks.authenticate(client, username, password, once);
      } catch (err) {
        faults.contain('broker_hook', 'authenticate', err);
        once(new ConnectRefusedError('server_unavailable'), false);
      }
    },
    authorizePublish: (client, packet, callback) => {
      const once = onlyOnce(callback);
      try {
        hooks.authorizePublish(client, packet, once);
      } catch (err) {
        faults.contain('broker_hook', 'authorizePublish', err);
        once(asError(err));
      }
    },
    authorizeSubscribe: (client, subscription, callback) => {
      const once = onlyOnce(callback);
      try {
        hooks.authorizeSubscribe(client, subscription, once);
      } catch (err) {
        faults.contain('broker_hook', 'authorizeSubscribe', err);
        once(null, null);
      }
    },
  };
}

function onlyOnce<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
  let called = false;
  return (...args: A) => {
    if (called) return;
    called = true;
    fn(...args);
  };
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
