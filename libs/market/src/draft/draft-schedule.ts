import { Injectable } from '@nestjs/common';
import { Alarms } from '../auction-schedule.js';

/**
 * Alarms at each running draft's nomination deadline, so an idle manager's turn passes on time
 * rather than at the next sweep. Only a hint: the database decides whether the clock ran out.
 */
@Injectable()
export class DraftSchedule extends Alarms {}
