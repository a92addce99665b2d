using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WeChatWish.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class Pairings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Pairings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BeneficiaryId = table.Column<Guid>(type: "uuid", nullable: false),
                    DistrictCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    VolunteerId = table.Column<Guid>(type: "uuid", nullable: true),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: true),
                    Content = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EveryDays = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    LastVisitOn = table.Column<DateOnly>(type: "date", nullable: true),
                    NextDueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RemindedForDueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(76)", maxLength: 76, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EndReason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Pairings", x => x.Id);
                    table.CheckConstraint("CK_Pairings_EveryDays", "\"EveryDays\" >= 1");
                    table.CheckConstraint("CK_Pairings_OneHolder", "(\"VolunteerId\" IS NULL) <> (\"OrganisationId\" IS NULL)");
                    table.CheckConstraint("CK_Pairings_Period", "\"EndsOn\" IS NULL OR \"EndsOn\" >= \"StartsOn\"");
                    table.ForeignKey(
                        name: "FK_Pairings_Beneficiaries_BeneficiaryId",
                        column: x => x.BeneficiaryId,
                        principalTable: "Beneficiaries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Pairings_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Pairings_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Pairings_Volunteers_VolunteerId",
                        column: x => x.VolunteerId,
                        principalTable: "Volunteers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PairingHandovers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PairingId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromVolunteerId = table.Column<Guid>(type: "uuid", nullable: true),
                    FromOrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    ToVolunteerId = table.Column<Guid>(type: "uuid", nullable: true),
                    ToOrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<string>(type: "character varying(76)", maxLength: 76, nullable: false),
                    Reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PairingHandovers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PairingHandovers_Pairings_PairingId",
                        column: x => x.PairingId,
                        principalTable: "Pairings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PairingVisits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PairingId = table.Column<Guid>(type: "uuid", nullable: false),
                    VolunteerId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Minutes = table.Column<int>(type: "integer", nullable: false),
                    Content = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(76)", maxLength: 76, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ServiceRecordEntryId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PairingVisits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PairingVisits_Pairings_PairingId",
                        column: x => x.PairingId,
                        principalTable: "Pairings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PairingVisits_ServiceRecordEntries_ServiceRecordEntryId",
                        column: x => x.ServiceRecordEntryId,
                        principalTable: "ServiceRecordEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PairingVisits_Volunteers_VolunteerId",
                        column: x => x.VolunteerId,
                        principalTable: "Volunteers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PairingHandovers_PairingId_At",
                table: "PairingHandovers",
                columns: new[] { "PairingId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Pairings_BeneficiaryId",
                table: "Pairings",
                column: "BeneficiaryId");

            migrationBuilder.CreateIndex(
                name: "IX_Pairings_OrganisationId",
                table: "Pairings",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Pairings_ProjectId",
                table: "Pairings",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_Pairings_Status_NextDueOn",
                table: "Pairings",
                columns: new[] { "Status", "NextDueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Pairings_VolunteerId",
                table: "Pairings",
                column: "VolunteerId");

            migrationBuilder.CreateIndex(
                name: "IX_PairingVisits_PairingId_At",
                table: "PairingVisits",
                columns: new[] { "PairingId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_PairingVisits_ServiceRecordEntryId",
                table: "PairingVisits",
                column: "ServiceRecordEntryId");

            migrationBuilder.CreateIndex(
                name: "IX_PairingVisits_VolunteerId",
                table: "PairingVisits",
                column: "VolunteerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PairingHandovers");

            migrationBuilder.DropTable(
                name: "PairingVisits");

            migrationBuilder.DropTable(
                name: "Pairings");
        }
    }
}
