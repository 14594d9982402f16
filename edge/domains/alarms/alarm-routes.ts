import { z } from 'zod';
import { AlarmList, AlarmsQuery, AlarmView } from '../../../shared/api/alarms';
import { ApiHttpError, notFound } from '../../../shared/server/http/errors';
import { defineRoute, type EdgeRoute } from '../../api/edge-route';
import { AlarmError, type AlarmService } from './alarm-service';

const AlarmParams = z.object({ alarmId: z.coerce.number().int().positive() });

function asHttpError(err: unknown): unknown {
  if (!(err instanceof AlarmError)) return err;
  return err.code === 'ALARM_NOT_FOUND'
    ? notFound(err.message)
    : new ApiHttpError(409, 'conflict', err.message);
}

export function alarmsRoutes(deps: { alarms: AlarmService }): EdgeRoute[] {
  const { alarms } = deps;
  return [
    defineRoute({
      method: 'GET',
      url: '/api/alarms',
      summary: 'Alarms, newest first',
      tags: ['alarms'],
      access: 'board.read',
      querystring: AlarmsQuery,
      response: AlarmList,
      handler: ({ query }) => alarms.list(query),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/alarms/:alarmId/ack',
      summary: 'Acknowledge an alarm (one tap on the display)',
      tags: ['alarms'],
      access: 'alarms.acknowledge',
      params: AlarmParams,
      response: AlarmView,
      errors: [404, 409],
      handler: ({ params, auth }) => {
        try {
          return alarms.acknowledge(params.alarmId, auth?.session.userId ?? 'unknown');
        } catch (err) {
          throw asHttpError(err);
        }
      },
    }),
  ];
}
