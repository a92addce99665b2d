using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WeChatWish.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class ServiceOffers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ServiceOffers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OpenId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    VolunteerId = table.Column<Guid>(type: "uuid", nullable: true),
                    OffererName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    What = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    When = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    DistrictCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    RejectReason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReviewedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReviewedBy = table.Column<string>(type: "character varying(76)", maxLength: 76, nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceOffers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServiceOffers_Volunteers_VolunteerId",
                        column: x => x.VolunteerId,
                        principalTable: "Volunteers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OfferMatches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OfferId = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(76)", maxLength: 76, nullable: false),
                    Note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreditedMinutes = table.Column<int>(type: "integer", nullable: true),
                    CreditedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OfferMatches", x => x.Id);
                    table.CheckConstraint("CK_OfferMatches_Minutes", "\"CreditedMinutes\" IS NULL OR \"CreditedMinutes\" >= 1");
                    table.ForeignKey(
                        name: "FK_OfferMatches_ServiceOffers_OfferId",
                        column: x => x.OfferId,
                        principalTable: "ServiceOffers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OfferMatches_OfferId_RequestedBy",
                table: "OfferMatches",
                columns: new[] { "OfferId", "RequestedBy" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceOffers_OpenId",
                table: "ServiceOffers",
                column: "OpenId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceOffers_Published_ByTime",
                table: "ServiceOffers",
                columns: new[] { "PublishedAt", "Id" },
                filter: "\"Status\" = 'Published'");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceOffers_Status_DistrictCode_SubmittedAt",
                table: "ServiceOffers",
                columns: new[] { "Status", "DistrictCode", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceOffers_VolunteerId",
                table: "ServiceOffers",
                column: "VolunteerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OfferMatches");

            migrationBuilder.DropTable(
                name: "ServiceOffers");
        }
    }
}
