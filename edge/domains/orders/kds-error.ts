/** What the station screens' side refuses, with a code the routes answer by. */
export class KdsError extends Error {
  constructor(
    readonly code:
      | 'TICKET_NOT_FOUND'
      | 'LINE_NOT_FOUND'
      | 'ORDER_NOT_FOUND'
      | 'STATION_UNKNOWN'
      | 'NOT_BUMPED',
    message: string,
  ) {
    super(message);
    this.name = 'KdsError';
  }
}
