import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RUNTIME, type RuntimeServices } from '@app/application';
import type { AuditLog } from '@app/audit';
import { CalendarSpecError, listHolidays, type PartnershipCalendarSpec } from '@app/calendar';
import type { IdentityService, Principal } from '@app/identity';
import { DomainError, ErrorCode } from '@app/application';
import { Allow, CASE_WORKERS, CurrentPrincipal } from '../security/access.decorators';
import { AUDIT, IDENTITY } from '../security/security.tokens';
import { CreateAgencyDto, CreateUserDto, ListUsersQueryDto, RolesDto, SpocDto, StringIdParamDto, UpdatePartnershipDto } from './admin.dto';
import { AdminService } from './admin.service';

/** Administration of the administrator's own partnership: settings, calendars, agencies, people. */
@ApiTags('admin')
@Controller('admin')
export class AdminController {
  private readonly admin: AdminService;

  constructor(@Inject(RUNTIME) private readonly rt: RuntimeServices, @Inject(IDENTITY) identity: IdentityService, @Inject(AUDIT) audit: AuditLog) {
    this.admin = new AdminService(rt, identity, audit);
  }

  @Get('partnerships')
  @Allow('administrator', 'partnership-coordinator')
  @ApiOperation({ summary: 'The partnership (time zone, calendar, parameters, population, retention).' })
  partnerships(@CurrentPrincipal() p: Principal) {
    return this.admin.partnerships(p);
  }

  @Patch('partnerships/:id')
  @Allow('administrator')
  @ApiOperation({ summary: 'Change the partnership\'s settings.' })
  updatePartnership(@CurrentPrincipal() p: Principal, @Param() a: StringIdParamDto, @Body() dto: UpdatePartnershipDto) {
    return this.admin.updatePartnership(p, a.id, dto);
  }

  @Get('calendars')
  @Allow('administrator', 'partnership-coordinator', 'marac-coordinator')
  @ApiOperation({ summary: 'The partnership\'s working-day calendar with its holidays (this year and next).' })
  async calendars(@CurrentPrincipal() p: Principal) {
    const [row] = await this.rt.db.query('SELECT time_zone, calendar FROM partnerships WHERE id = $1', [p.partnershipId]);
    if (!row) return [];
    const cal = (row.calendar ?? {}) as { country?: string; state?: string; region?: string; dueHour?: number; localHolidays?: PartnershipCalendarSpec['localHolidays'] };
    if (!cal.country) return [{ name: 'partnership', timeZone: String(row.time_zone), holidays: [] }];
    const spec: PartnershipCalendarSpec = {
      name: 'partnership', timeZone: String(row.time_zone), dueHour: cal.dueHour ?? 17, localHolidays: cal.localHolidays ?? [],
      jurisdiction: { country: cal.country, ...(cal.state ? { state: cal.state } : {}), ...(cal.region ? { region: cal.region } : {}) },
    };
    const year = this.rt.clock.now().getUTCFullYear();
    try {
      return [{ name: 'partnership', timeZone: spec.timeZone, country: cal.country, holidays: listHolidays(spec, year, year + 1) }];
    } catch (err) {
      if (err instanceof CalendarSpecError) throw new DomainError(ErrorCode.InvalidInput, err.message);
      throw err;
    }
  }

  @Get('agencies')
  @Allow('administrator', 'steering-group', 'manager', 'dpo', ...CASE_WORKERS)
  @ApiOperation({ summary: 'The partnership\'s agencies (type, SPOC, status).' })
  agencies(@CurrentPrincipal() p: Principal) {
    return this.admin.agencies(p);
  }

  @Post('agencies')
  @Allow('administrator')
  @ApiOperation({ summary: 'Add an agency to the partnership.' })
  createAgency(@CurrentPrincipal() p: Principal, @Body() dto: CreateAgencyDto) {
    return this.admin.createAgency(p, dto);
  }

  @Post('agencies/:id/spoc')
  @HttpCode(204)
  @Allow('administrator')
  @ApiOperation({ summary: 'Name the agency\'s single point of contact.' })
  setSpoc(@CurrentPrincipal() p: Principal, @Param() a: StringIdParamDto, @Body() dto: SpocDto) {
    return this.admin.setSpoc(p, a.id, dto.userId);
  }

  @Post('agencies/:id/offboard')
  @HttpCode(204)
  @Allow('administrator')
  @ApiOperation({ summary: 'Offboard an agency: its people are signed out, its case shares end.' })
  offboard(@CurrentPrincipal() p: Principal, @Param() a: StringIdParamDto) {
    return this.admin.offboard(p, a.id);
  }

  @Get('users')
  @Allow('administrator')
  @ApiOperation({ summary: 'People of the partnership.' })
  users(@CurrentPrincipal() p: Principal, @Query() q: ListUsersQueryDto) {
    return this.admin.users(p, { agencyId: q.agencyId, limit: q.limit, offset: q.offset });
  }

  @Get('users/:id')
  @Allow('administrator')
  @ApiOperation({ summary: 'One person.' })
  user(@CurrentPrincipal() p: Principal, @Param() a: StringIdParamDto) {
    return this.admin.user(p, a.id);
  }

  @Post('users')
  @Allow('administrator')
  @ApiOperation({ summary: 'Add a person (password optional: single sign-on only without one).' })
  createUser(@CurrentPrincipal() p: Principal, @Body() dto: CreateUserDto) {
    return this.admin.createUser(p, dto);
  }

  @Put('users/:id/roles')
  @Allow('administrator')
  @ApiOperation({ summary: 'Set a person\'s roles.' })
  setRoles(@CurrentPrincipal() p: Principal, @Param() a: StringIdParamDto, @Body() dto: RolesDto) {
    return this.admin.setRoles(p, a.id, dto.roles);
  }

  @Post('users/:id/disable')
  @HttpCode(200)
  @Allow('administrator')
  @ApiOperation({ summary: 'Disable an account: its sessions stop working at once.' })
  disable(@CurrentPrincipal() p: Principal, @Param() a: StringIdParamDto) {
    return this.admin.setDisabled(p, a.id, true);
  }

  @Post('users/:id/enable')
  @HttpCode(200)
  @Allow('administrator')
  @ApiOperation({ summary: 'Enable an account again.' })
  enable(@CurrentPrincipal() p: Principal, @Param() a: StringIdParamDto) {
    return this.admin.setDisabled(p, a.id, false);
  }
}
