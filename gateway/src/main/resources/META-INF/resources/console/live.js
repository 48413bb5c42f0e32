// The live event stream: a single-use ticket (EventSource cannot send a bearer token), then Server-Sent Events.
import { api } from './api.js';

const EVENTS = [
  'incident.reported', 'incident.dispatched', 'incident.delivered', 'incident.acknowledged', 'incident.arrived', 'incident.resolved',
  'incident.closed', 'incident.cancelled', 'incident.redispatched', 'incident.breached', 'incident.cordon-proposed',
  'incident.cordon-activated', 'incident.interception', 'command.mode', 'unit.status', 'unit.stale', 'zone.level', 'unit.position',
  'cordon.activated', 'cordon.confirmed', 'cordon.sealed', 'cordon.escalated', 'cordon.deactivated', 'camera.offline', 'camera.online',
  'stream.closed',
];

/**
 * Keeps the stream open: on any break a new ticket and a new stream, then {@code onResume} so the page reloads what it
 * may have missed (a new EventSource cannot send the old one's Last-Event-ID).
 */
export function connect({ onEvent, onState, onResume }) {
  let source;
  let opened = false;
  let retry = 1000;

  async function open() {
    try {
      const { ticket } = await api.post('/api/v1/events/tickets');
      source = new EventSource(`/api/v1/events?ticket=${encodeURIComponent(ticket)}`);
    } catch (e) {
      onState(false);
      setTimeout(open, retry);
      retry = Math.min(retry * 2, 30_000);
      return;
    }
    source.addEventListener('open', () => {
      onState(true);
      retry = 1000;
      if (opened) {
        onResume();
      }
      opened = true;
    });
    EVENTS.forEach((name) => source.addEventListener(name, (message) => {
      if (name === 'stream.closed') {
        reopen();
        return;
      }
      onEvent(name, JSON.parse(message.data));
    }));
    source.addEventListener('error', reopen);
  }

  function reopen() {
    if (source) {
      source.close();
      source = null;
      onState(false);
      setTimeout(open, retry);
    }
  }

  open();
}
